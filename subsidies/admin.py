"""Admin: measures, reeksen and steps are reference data (load_reference_data); dossiers are read-only here."""

from django.contrib import admin

from loket.admin_site import ReadOnlyAdmin

from .models import Aanvraag, FormulierDefinitie, Maatregel, Reeks, Stap


class StapInline(admin.TabularInline):
    model = Stap
    extra = 0
    fields = ["volgorde", "naam", "begin", "einde", "formulier", "extern_url"]


@admin.register(Maatregel)
class MaatregelAdmin(admin.ModelAdmin):
    list_display = ["titel", "info_url", "extern_url"]
    search_fields = ["titel"]
    filter_horizontal = ["criteria_classificaties"]
    raw_id_fields = ["criteria_besturen"]


@admin.register(Reeks)
class ReeksAdmin(admin.ModelAdmin):
    list_display = ["maatregel", "titel", "begin", "einde"]
    list_select_related = ["maatregel"]
    inlines = [StapInline]


@admin.register(FormulierDefinitie)
class FormulierDefinitieAdmin(ReadOnlyAdmin):
    list_display = ["sleutel", "versie"]


@admin.register(Aanvraag)
class AanvraagAdmin(ReadOnlyAdmin):
    list_display = ["maatregel", "bestuur", "status", "actieve_stap", "gewijzigd_op"]
    list_filter = ["status", "maatregel"]
    list_select_related = ["maatregel", "bestuur__classificatie", "actieve_stap"]
    search_fields = ["bestuur__naam", "maatregel__titel", "projectnaam"]
