from django.urls import path

from . import views

app_name = "toezicht"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("instellingen/", views.instellingen, name="instellingen"),
    path("<uuid:melding_id>/", views.detail, name="detail"),
    path("<uuid:melding_id>/bewerken/", views.bewerken, name="bewerken"),
    path("<uuid:melding_id>/velden/", views.velden, name="velden"),
    path("<uuid:melding_id>/verwijderen/", views.verwijderen, name="verwijderen"),
    path("<uuid:melding_id>/ontvangstbewijs/", views.ontvangstbewijs, name="ontvangstbewijs"),
    path("<uuid:melding_id>/bestanden/", views.bestanden_zip, name="bestanden-zip"),
    path("<uuid:melding_id>/bestanden/<uuid:melding_bestand_id>/", views.bestand, name="bestand"),
    path("abb/", views.abb_index, name="abb-index"),
    path("abb/export/", views.abb_export, name="abb-export"),
    path("abb/overzicht/", views.abb_overzicht, name="abb-overzicht"),
    path("abb/zoekopdrachten/", views.abb_zoekopdracht_bewaren, name="abb-zoekopdracht-bewaren"),
    path(
        "abb/zoekopdrachten/verwijderen/",
        views.abb_zoekopdracht_verwijderen,
        name="abb-zoekopdracht-verwijderen",
    ),
    path("abb/<uuid:melding_id>/", views.abb_detail, name="abb-detail"),
    path("abb/<uuid:melding_id>/afhandelen/", views.abb_afhandelen, name="abb-afhandelen"),
    path("abb/<uuid:melding_id>/ontvangstbewijs/", views.abb_ontvangstbewijs, name="abb-ontvangstbewijs"),
    path("abb/<uuid:melding_id>/bestanden/", views.abb_bestanden_zip, name="abb-bestanden-zip"),
    path("abb/<uuid:melding_id>/bestanden/<uuid:melding_bestand_id>/", views.abb_bestand, name="abb-bestand"),
    path("abb/<uuid:melding_id>/heropenen/", views.abb_heropenen, name="abb-heropenen"),
]
