from django.urls import path

from . import views

app_name = "leidinggevenden"
urlpatterns = [
    path("", views.index, name="index"),
]
