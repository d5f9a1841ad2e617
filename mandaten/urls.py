from django.urls import path

from . import views

app_name = "mandaten"
urlpatterns = [
    path("", views.index, name="index"),
    path("mandatarissen/", views.mandatarissen, name="mandatarissen"),
    path("mandatarissen/nieuw/", views.mandataris_nieuw, name="mandataris-nieuw"),
    path("mandatarissen/nieuwe-persoon/", views.persoon_nieuw, name="persoon-nieuw"),
    path("mandatarissen/<uuid:mandataris_id>/", views.mandataris_detail, name="mandataris"),
    path(
        "mandatarissen/<uuid:mandataris_id>/beeindigen/",
        views.beeindig_mandataris,
        name="mandataris-beeindigen",
    ),
    path("fracties/", views.fracties, name="fracties"),
    path("fracties/<uuid:fractie_id>/", views.fractie_detail, name="fractie"),
    path("mandaten/<uuid:mandaat_id>/", views.mandaat_detail, name="mandaat"),
    path("beleidsdomeinen/", views.beleidsdomeinen, name="beleidsdomeinen"),
    path("publiek/", views.publiek_index, name="publiek"),
    path(
        "publiek/alle-besturen/mandatarissen.<slug:formaat>", views.publiek_export_alle, name="publiek-alle"
    ),
    path("publiek/<slug:bestuur_uuid>/", views.publiek_bestuur, name="publiek-bestuur"),
    path(
        "publiek/<slug:bestuur_uuid>/mandatarissen.csv",
        views.publiek_export,
        {"formaat": "csv"},
        name="publiek-csv",
    ),
    path(
        "publiek/<slug:bestuur_uuid>/mandatarissen.ttl",
        views.publiek_export,
        {"formaat": "ttl"},
        name="publiek-turtle",
    ),
    path(
        "publiek/<slug:bestuur_uuid>/mandatarissen.jsonld",
        views.publiek_export,
        {"formaat": "jsonld"},
        name="publiek-jsonld",
    ),
    path(
        "publiek/<slug:bestuur_uuid>/mandatarissen.nt",
        views.publiek_export,
        {"formaat": "nt"},
        name="publiek-nt",
    ),
]
