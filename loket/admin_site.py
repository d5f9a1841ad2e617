from django.contrib import admin
from django.core.exceptions import FieldDoesNotExist
from django.db import models

from . import audit


def _bestuur_van(obj, request):
    """The bestuur an admin change concerns: the object's own bestuur when it has one, else the admin's (ABB)."""
    from .models import Bestuurseenheid

    if isinstance(obj, Bestuurseenheid):
        return obj
    for name in (getattr(getattr(obj, "objects", None), "bestuur_field", None), "bestuur", "bestuurseenheid"):
        if not name or "__" in name:
            continue
        try:
            field = obj._meta.get_field(name)
        except FieldDoesNotExist:
            field = None
        if isinstance(field, models.ForeignKey) and field.related_model is Bestuurseenheid:
            return getattr(obj, name)
    return getattr(request, "bestuur", None)


def _velden(message):
    """The field names from the admin's change message (a list like [{"changed": {"fields": [...]}}])."""
    velden = []
    for part in message if isinstance(message, list) else []:
        velden += part.get("changed", {}).get("fields", [])
    return velden


class AuditedAdminMixin:
    """Every add, change and delete in the Django admin is an AuditEvent too (besides Django's LogEntry), with the
    object's values before and after. LoketAdminSite puts this mixin on every ModelAdmin registered with it."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and request.method == "POST":
            request._loket_admin_voor = {obj.pk: audit.snapshot(obj)}
        return obj

    def _audit(self, request, actie, obj, omschrijving, voor=None, na=None):
        audit.record(
            request=request,
            bestuur=_bestuur_van(obj, request),
            actie=actie,
            obj=obj,
            omschrijving=f"{obj._meta.verbose_name} '{obj}' {omschrijving} in het beheer",
            voor=voor,
            na=na,
        )

    def log_addition(self, request, obj, message):
        entry = super().log_addition(request, obj, message)
        self._audit(request, "admin.toegevoegd", obj, "toegevoegd", na=audit.snapshot(obj))
        return entry

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        voor = getattr(request, "_loket_admin_voor", {}).get(obj.pk)
        na = audit.snapshot(obj)
        if voor is not None:  # only what changed
            gewijzigd = [k for k in na if voor.get(k) != na.get(k)]
            voor, na = {k: voor.get(k) for k in gewijzigd}, {k: na[k] for k in gewijzigd}
        velden = ", ".join(str(v) for v in _velden(message))
        self._audit(request, "admin.gewijzigd", obj, f"gewijzigd{f' ({velden})' if velden else ''}", voor, na)
        return entry

    def log_deletions(self, request, queryset):
        for obj in queryset:
            self._audit(request, "admin.verwijderd", obj, "verwijderd", voor=audit.snapshot(obj))
        return super().log_deletions(request, queryset)


class LoketAdminSite(admin.AdminSite):
    """The Django admin, for ABB functioneel beheerders (LoketLB-admin) only, and audited."""

    site_header = "Loket voor Lokale Besturen – beheer"
    site_title = "Loket beheer"
    index_title = "Functioneel beheer"

    def has_permission(self, request):
        # request.rights never holds the admin role while an admin works as a bestuur (impersonation).
        rights = getattr(request, "rights", None)
        return bool(request.user.is_active and rights is not None and rights.is_admin)

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, AuditedAdminMixin):
            admin_class = type(
                admin_class.__name__, (AuditedAdminMixin, admin_class), {"__module__": admin_class.__module__}
            )
        return super().register(model_or_iterable, admin_class, **options)


class ReadOnlyAdmin(admin.ModelAdmin):
    """For module data: visible to admins, changed only through the module's pages (validated and audited)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
