from django.urls import path

from . import views

urlpatterns = [
    path("", views.my_onboarding, name="my_onboarding"),
]
