from django.urls import path

from . import views

app_name = "berichten"
urlpatterns = [
    path("", views.index, name="index"),
    path("abb/", views.abb_index, name="abb-index"),
]
