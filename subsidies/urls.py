from django.urls import path

from . import views

app_name = "subsidies"
urlpatterns = [
    path("", views.index, name="index"),
    path("beschikbaar/", views.beschikbaar, name="beschikbaar"),
    path("start/", views.start, name="start"),
    path("<uuid:aanvraag_id>/", views.dossier, name="dossier"),
    path("<uuid:aanvraag_id>/stappen/<uuid:stap_id>/", views.stap, name="stap"),
    path("<uuid:aanvraag_id>/stappen/<uuid:stap_id>/pdf/", views.pdf, name="pdf"),
    path("<uuid:aanvraag_id>/bijlagen.zip", views.bijlagen_zip, name="zip"),
    path("<uuid:aanvraag_id>/verwijderen/", views.verwijder, name="verwijder"),
    path("bijlagen/<uuid:subsidie_bijlage_id>/", views.bijlage, name="bijlage"),
    path("abb/", views.abb_index, name="abb-index"),
    path("abb/<uuid:aanvraag_id>/", views.abb_dossier, name="abb-dossier"),
    path("abb/<uuid:aanvraag_id>/stappen/<uuid:stap_id>/", views.abb_stap, name="abb-stap"),
    path(
        "abb/<uuid:aanvraag_id>/stappen/<uuid:stap_id>/beoordeling/",
        views.abb_beoordeel,
        name="abb-beoordeel",
    ),
    path("abb/<uuid:aanvraag_id>/stappen/<uuid:stap_id>/pdf/", views.abb_pdf, name="abb-pdf"),
    path("abb/<uuid:aanvraag_id>/bijlagen.zip", views.abb_bijlagen_zip, name="abb-zip"),
    path("abb/bijlagen/<uuid:subsidie_bijlage_id>/", views.abb_bijlage, name="abb-bijlage"),
]
