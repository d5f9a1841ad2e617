from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import views

loket_patterns = (
    [
        path("", views.start, name="start"),
        path("dashboard/", views.dashboard, name="dashboard"),
        path("info/<slug:slug>/", views.pagina, name="pagina"),
        path("handleiding/<slug:module>/", views.handleiding, name="handleiding"),
        path("health/", views.health, name="health"),
        path("besturen/zoek/", views.besturen_zoek, name="besturen-zoek"),
        path("open-data/", views.open_data, name="open-data"),
        path("open-data/catalogus.<slug:formaat>", views.open_data_catalogus, name="open-data-catalogus"),
        path("beheer/", views.beheer, name="beheer"),
        path("beheer/audit/", views.beheer_audit, name="beheer-audit"),
    ],
    "loket",
)

urlpatterns = [
    path("", include(loket_patterns)),
    path("", include("accounts.urls")),
    path("toezicht/", include("toezicht.urls")),
    path("berichten/", include("berichten.urls")),
    path("bbcdr/", include("bbcdr.urls")),
    path("mandaten/", include("mandaten.urls")),
    path("leidinggevenden/", include("leidinggevenden.urls")),
    path("", include("leveranciers.urls")),
    path("subsidies/", include("subsidies.urls")),
    path("beheer/django/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
]

handler400 = "loket.errors.bad_request"
handler403 = "loket.errors.forbidden"
handler404 = "loket.errors.not_found"
handler500 = "loket.errors.server_error"

if settings.DEBUG:
    pass  # static files are served by whitenoise in every mode; nothing extra here
