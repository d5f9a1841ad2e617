from django.contrib import admin

from .models import AuditEvent, Bestuurseenheid, Bestuursorgaan, Classificatie, Concept


@admin.register(Bestuurseenheid)
class BestuurseenheidAdmin(admin.ModelAdmin):
    list_display = ["naam", "classificatie", "provincie", "kbo", "ovo", "status", "actief"]
    list_filter = ["classificatie", "provincie", "actief", "status"]
    search_fields = ["naam", "kbo", "ovo", "nis_code"]
    list_select_related = ["classificatie"]
    raw_id_fields = ["opgeheven_door"]


@admin.register(Bestuursorgaan)
class BestuursorgaanAdmin(admin.ModelAdmin):
    list_display = ["naam", "classificatie", "bestuurseenheid"]
    search_fields = ["naam"]
    list_select_related = ["classificatie", "bestuurseenheid__classificatie"]
    raw_id_fields = ["bestuurseenheid"]


@admin.register(Classificatie)
class ClassificatieAdmin(admin.ModelAdmin):
    list_display = ["label", "uri"]


@admin.register(Concept)
class ConceptAdmin(admin.ModelAdmin):
    list_display = ["label", "lijst_label", "notation"]
    list_filter = ["lijst_label"]
    search_fields = ["label", "uri"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["tijdstip", "gebruiker_naam", "namens", "bestuur", "actie", "omschrijving"]
    list_filter = ["actie"]
    list_select_related = ["bestuur__classificatie", "namens"]
    search_fields = ["gebruiker_naam", "omschrijving", "object_id"]
    date_hierarchy = "tijdstip"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}  # not even the "delete selected" action
