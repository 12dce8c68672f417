from django.urls import path

from standards import views

app_name = "standards"

urlpatterns = [
    path("pages/<int:page_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("pages/<int:page_id>/verify/", views.verify, name="verify"),
    path("pages/<int:page_id>/suggest/", views.suggest, name="suggest"),
    path("pages/<int:page_id>/changes/", views.changes, name="changes"),
    path("suggestions/", views.my_suggestions, name="my_suggestions"),
]
