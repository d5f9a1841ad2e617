from django.urls import path

from . import views

app_name = "bbcdr"
urlpatterns = [
    path("", views.index, name="index"),
    path("nieuw/", views.nieuw, name="nieuw"),
    path("<uuid:rapport_id>/", views.detail, name="detail"),
    path("<uuid:rapport_id>/verstuur/", views.verstuur, name="verstuur"),
    path("<uuid:rapport_id>/verwijder/", views.verwijder, name="verwijder"),
    path("<uuid:rapport_id>/bestanden/<uuid:bestand_id>/", views.download, name="download"),
    path("<uuid:rapport_id>/ontvangstbewijs/", views.ontvangstbewijs, name="ontvangstbewijs"),
    path("abb/", views.abb_index, name="abb-index"),
    path("abb/<uuid:abb_rapport_id>/", views.abb_detail, name="abb-detail"),
    path("abb/<uuid:abb_rapport_id>/beoordeling/", views.abb_feedback, name="abb-feedback"),
    path("abb/<uuid:abb_rapport_id>/levering/", views.abb_herlever, name="abb-herlever"),
    path("abb/<uuid:abb_rapport_id>/bestanden/<uuid:bestand_id>/", views.abb_download, name="abb-download"),
]
