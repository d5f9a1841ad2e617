from django.urls import path

from . import views

app_name = "mandaten"
urlpatterns = [
    path("", views.index, name="index"),
]
