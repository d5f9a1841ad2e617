from django.contrib import admin


class LoketAdminSite(admin.AdminSite):
    """The Django admin, for ABB functioneel beheerders (LoketLB-admin) only."""

    site_header = "Loket voor Lokale Besturen – beheer"
    site_title = "Loket beheer"
    index_title = "Functioneel beheer"

    def has_permission(self, request):
        rights = getattr(request, "rights", None)
        return bool(request.user.is_active and rights is not None and rights.is_admin)
