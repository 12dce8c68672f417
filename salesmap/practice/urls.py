from django.urls import path

app_name = "practice"

urlpatterns = []
