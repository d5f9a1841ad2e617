from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("aanmelden/", views.aanmelden, name="aanmelden"),
    path("aanmelden/test/", views.mock_login, name="mock-login"),
    path("afmelden/", views.afmelden, name="afmelden"),
    path("bestuur/wissel/", views.wissel_bestuur, name="wissel-bestuur"),
    path("gebruikers-en-rechten/", views.gebruikers, name="gebruikers"),
]
