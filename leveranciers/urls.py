from django.urls import path

from . import api, views

app_name = "leveranciers"
# The vendor API: lblod's paths at the root (existing vendors keep working) and under /api/v1/.
api_patterns = [
    path("melding", api.melding, name="melding"),
    path("delete-melding", api.verwijder_melding, name="delete-melding"),
    path("api/v1/melding", api.melding, name="api-melding"),
    path("api/v1/delete-melding", api.verwijder_melding, name="api-delete-melding"),
    path("api/v1/jobs/<uuid:job_id>", api.job, name="api-job"),
    path("api/v1/submissions/<uuid:submission_id>", api.submission, name="api-submission"),
    path("api/v1/openapi.json", views.openapi_document, name="openapi"),
]
urlpatterns = api_patterns + [
    path("leveranciers/", views.bestuur_index, name="index"),
    path("leveranciers/handleiding/", views.handleiding, name="handleiding"),
    path("leveranciers/abb/", views.abb_index, name="abb-index"),
    path("leveranciers/abb/nieuw/", views.abb_nieuw, name="abb-nieuw"),
    path("leveranciers/abb/verwerkingen/", views.abb_verwerkingen, name="abb-verwerkingen"),
    path("leveranciers/abb/verwerkingen/<uuid:inzending_id>/", views.abb_verwerking, name="abb-verwerking"),
    path("leveranciers/abb/verwerkingen/<uuid:inzending_id>/opnieuw/", views.abb_opnieuw, name="abb-opnieuw"),
    path("leveranciers/abb/<uuid:leverancier_id>/", views.abb_detail, name="abb-detail"),
    path("leveranciers/abb/<uuid:leverancier_id>/sleutel/", views.abb_sleutel, name="abb-sleutel"),
    path("leveranciers/abb/<uuid:leverancier_id>/besturen/", views.abb_besturen, name="abb-besturen"),
]
