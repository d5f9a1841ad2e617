from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("aanmelden/", views.aanmelden, name="aanmelden"),
    path("aanmelden/geweigerd/", views.aanmelden_geweigerd, name="aanmelden-geweigerd"),
    # allauth's own callback path (the redirect_uri registered at the IdP), served with the id_token kept.
    path("accounts/oidc/<str:provider_id>/login/callback/", views.oidc_callback, name="oidc-callback"),
    path("aanmelden/test/", views.mock_login, name="mock-login"),
    path("afmelden/", views.afmelden, name="afmelden"),
    path("bestuur/wissel/", views.wissel_bestuur, name="wissel-bestuur"),
    path("gebruikers-en-rechten/", views.gebruikers, name="gebruikers"),
    path("mijn-aanmelding/", views.sessies, name="sessies"),
    path("mijn-aanmelding/overal-afmelden/", views.meld_overal_af, name="overal-afmelden"),
    path("beheer/impersonatie/", views.impersonatie, name="impersonatie"),
    path("beheer/impersonatie/stop/", views.impersonatie_stop, name="impersonatie-stop"),
]
