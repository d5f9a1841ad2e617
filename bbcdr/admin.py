from django.contrib import admin

from .models import Rapport, RapportBestand


class RapportBestandInline(admin.TabularInline):
    model = RapportBestand
    extra = 0
    fields = ["soort", "naam", "grootte", "sha256", "aangemaakt_op"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Rapport)
class RapportAdmin(admin.ModelAdmin):
    """Read-only: reports change only through the loket (audited services)."""

    list_display = ["uuid", "bestuur", "status", "verstuurd_op", "levering_status", "gewijzigd_op"]
    list_filter = ["status", "levering_status", "bestuur__provincie"]
    search_fields = ["uuid", "bestuur__naam", "pakket_naam"]
    list_select_related = ["bestuur__classificatie"]
    inlines = [RapportBestandInline]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
