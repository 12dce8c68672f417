from django.urls import path

from . import views

app_name = "lessons"

urlpatterns = [
    path("my/", views.my_learning, name="my_learning"),
    path("<int:lesson_id>/heartbeat/", views.heartbeat, name="heartbeat"),
    path("<int:lesson_id>/complete/", views.complete, name="complete"),
]
