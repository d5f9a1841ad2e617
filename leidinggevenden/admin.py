"""Read-only in the admin: every change goes through the beheer pages (validated and audited)."""

from django.contrib import admin

from loket.admin_site import ReadOnlyAdmin

from .models import ContactGegevens, Functionaris, PubliekeExport


@admin.register(Functionaris)
class FunctionarisAdmin(ReadOnlyAdmin):
    list_display = ["persoon", "functie", "bestuur", "status", "start", "einde"]
    list_filter = ["functie", "status"]
    search_fields = ["persoon__achternaam", "persoon__voornaam", "bestuur__naam"]
    list_select_related = ["persoon", "bestuur__classificatie"]


@admin.register(ContactGegevens)
class ContactGegevensAdmin(ReadOnlyAdmin):
    list_display = ["bestuur", "functie", "email", "telefoon"]
    list_select_related = ["bestuur__classificatie"]
    search_fields = ["bestuur__naam", "email"]


@admin.register(PubliekeExport)
class PubliekeExportAdmin(ReadOnlyAdmin):
    list_display = ["formaat", "naam", "aantal", "grootte", "aangemaakt_op"]
