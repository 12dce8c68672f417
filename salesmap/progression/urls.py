from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_onboarding, name="my_onboarding"),
    path("people/<int:person_id>/", views.person_onboarding, name="person_onboarding"),
    path("people/<int:person_id>/level/", views.change_level, name="change_level"),
    path(
        "people/<int:person_id>/items/<int:requirement_id>/sign-off/",
        views.sign_off,
        name="sign_off_requirement",
    ),
    path(
        "people/<int:person_id>/items/<int:requirement_id>/waive/",
        views.waive,
        name="waive_requirement",
    ),
]
