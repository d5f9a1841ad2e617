from django.urls import path

from . import views

app_name = "berichten"
urlpatterns = [
    path("", views.index, name="index"),
    path("configuratie/", views.configuratie, name="configuratie"),
    path("<uuid:gesprek_id>/", views.gesprek, name="gesprek"),
    path("bijlagen/<uuid:bijlage_id>/", views.bijlage, name="bijlage"),
    path("abb/", views.abb_index, name="abb-index"),
    path("abb/nieuw/", views.abb_nieuw, name="abb-nieuw"),
    path("abb/<uuid:gesprek_id>/", views.abb_gesprek, name="abb-gesprek"),
    path("abb/<uuid:gesprek_id>/antwoord/", views.abb_antwoord, name="abb-antwoord"),
    path("abb/bijlagen/<uuid:bijlage_id>/", views.abb_bijlage, name="abb-bijlage"),
]
