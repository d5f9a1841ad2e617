from django.contrib import admin

from .models import BesluitType, BesluitTypeRegel, Melding, MeldingBestand


class RegelInline(admin.TabularInline):
    model = BesluitTypeRegel
    extra = 0
    filter_horizontal = ["classificaties"]


@admin.register(BesluitType)
class BesluitTypeAdmin(admin.ModelAdmin):
    list_display = ["label", "schema", "profiel", "broader_label"]
    list_filter = ["schema", "profiel"]
    search_fields = ["label", "uri"]
    inlines = [RegelInline]


class BestandInline(admin.TabularInline):
    model = MeldingBestand
    extra = 0
    fields = ["naam", "grootte", "mime_type", "sha256", "aangemaakt_op"]
    readonly_fields = fields
    can_delete = False


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):
    """Read-only: meldingen change only through the services (audited); an admin reopens from the ABB page."""

    list_display = [
        "uuid",
        "bestuur",
        "besluittype",
        "status",
        "review_status",
        "verstuurd_op",
        "verwijderd_op",
    ]
    list_filter = ["status", "review_status"]
    search_fields = ["bestuur__naam", "besluittype__label", "uuid"]
    list_select_related = ["bestuur__classificatie", "besluittype"]
    inlines = [BestandInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
