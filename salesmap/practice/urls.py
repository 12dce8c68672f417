from django.urls import path

from . import views

app_name = "practice"

urlpatterns = [
    path("evaluations/", views.mine, name="mine"),
    path("evaluations/<int:evaluation_id>/", views.detail, name="detail"),
    path(
        "people/<int:person_id>/evaluate/",
        views.choose_scorecard,
        name="choose_scorecard",
    ),
    path(
        "people/<int:person_id>/evaluate/<int:scorecard_id>/",
        views.evaluate,
        name="evaluate",
    ),
]
