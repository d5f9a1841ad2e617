"""Read-only in the admin: every change goes through the beheer pages (validated and audited)."""

from django.contrib import admin

from loket.admin_site import ReadOnlyAdmin

from .models import Bestuursperiode, EigenBeleidsdomein, Fractie, Mandaat, Mandataris


@admin.register(Bestuursperiode)
class BestuursperiodeAdmin(ReadOnlyAdmin):
    list_display = ["label", "start", "einde"]


@admin.register(Mandaat)
class MandaatAdmin(ReadOnlyAdmin):
    list_display = ["bestuursfunctie", "orgaan_in_tijd", "periode", "aantal_houders"]
    list_filter = ["periode", "bestuursfunctie"]
    search_fields = ["orgaan_in_tijd__orgaan__naam"]
    list_select_related = ["bestuursfunctie", "orgaan_in_tijd__orgaan", "periode"]


@admin.register(Fractie)
class FractieAdmin(ReadOnlyAdmin):
    list_display = ["naam", "fractietype", "bestuur", "periode"]
    list_filter = ["periode", "fractietype"]
    search_fields = ["naam", "bestuur__naam"]
    list_select_related = ["fractietype", "bestuur__classificatie", "periode"]


@admin.register(Mandataris)
class MandatarisAdmin(ReadOnlyAdmin):
    list_display = ["persoon", "mandaat", "bestuur", "status", "start", "einde"]
    list_filter = ["mandaat__periode", "status"]
    search_fields = ["persoon__achternaam", "persoon__voornaam", "bestuur__naam"]
    list_select_related = [
        "persoon",
        "mandaat__bestuursfunctie",
        "mandaat__orgaan_in_tijd__orgaan",
        "bestuur__classificatie",
        "status",
    ]


@admin.register(EigenBeleidsdomein)
class EigenBeleidsdomeinAdmin(ReadOnlyAdmin):
    list_display = ["concept", "bestuur", "aangemaakt_op"]
    list_select_related = ["concept", "bestuur__classificatie"]
