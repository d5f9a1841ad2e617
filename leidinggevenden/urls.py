from django.urls import path

from . import views

app_name = "leidinggevenden"
urlpatterns = [
    path("", views.index, name="index"),
    path("functies/<uuid:bestuursfunctie_id>/", views.functie, name="functie"),
    path(
        "functies/<uuid:bestuursfunctie_id>/contactgegevens/", views.contactgegevens, name="contactgegevens"
    ),
    path("functies/<uuid:bestuursfunctie_id>/nieuw/", views.nieuw, name="nieuw"),
    path("functies/<uuid:bestuursfunctie_id>/nieuw/periode/", views.nieuw_periode, name="nieuw-periode"),
    path("functionarissen/<uuid:functionaris_id>/bewerken/", views.bewerken, name="bewerken"),
    path("functionarissen/<uuid:functionaris_id>/beeindigen/", views.beeindigen, name="beeindigen"),
    # Public site: no login.
    path("publiek/", views.publiek_index, name="publiek"),
    path("publiek/besturen/<str:bestuur_uuid>/", views.publiek_bestuur, name="publiek-bestuur"),
    path("publiek/downloads/<slug:formaat>/", views.publiek_download, name="publiek-download"),
]
