"""Admin: conversations, messages and sent mails are read-only (what was sent stays as it was sent);
the mail configuration can be corrected by a functioneel beheerder (audited by the admin site)."""

from django.contrib import admin

from loket.admin_site import ReadOnlyAdmin

from .models import Bericht, BerichtBijlage, Gesprek, MailConfiguratie, MailVerzending


class BerichtInline(admin.StackedInline):
    model = Bericht
    extra = 0
    fields = ["van", "auteur_naam", "verzonden_op", "inhoud"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Gesprek)
class GesprekAdmin(ReadOnlyAdmin):
    list_display = [
        "dossiernummer",
        "betreft",
        "bestuur",
        "type_communicatie",
        "laatste_bericht_op",
        "antwoord_verwacht_tegen",
    ]
    list_filter = ["type_communicatie", "bestuur__provincie"]
    list_select_related = ["bestuur__classificatie"]
    search_fields = ["dossiernummer", "betreft", "bestuur__naam"]
    inlines = [BerichtInline]


@admin.register(BerichtBijlage)
class BerichtBijlageAdmin(ReadOnlyAdmin):
    list_display = ["naam", "bericht", "grootte", "mime_type"]


@admin.register(MailVerzending)
class MailVerzendingAdmin(ReadOnlyAdmin):
    list_display = ["adres", "bericht", "verzonden_op"]


@admin.register(MailConfiguratie)
class MailConfiguratieAdmin(admin.ModelAdmin):
    list_display = ["bestuur", "ontvang_mails", "gewijzigd_op"]
    list_select_related = ["bestuur__classificatie"]
    raw_id_fields = ["bestuur"]
    search_fields = ["bestuur__naam"]

    def has_delete_permission(self, request, obj=None):
        return False  # switch mails off instead
