from django.contrib import admin

from .models import Membership, User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
    list_display = ["username", "first_name", "last_name"]  # logins: per bestuur on the memberships
    search_fields = ["username", "first_name", "last_name"]
    exclude = ["password", "rrn_hash"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "bestuur", "bron", "laatste_aanmelding"]
    list_select_related = ["user", "bestuur__classificatie"]
    search_fields = ["user__last_name", "bestuur__naam"]
    raw_id_fields = ["user", "bestuur"]
    readonly_fields = ["eerste_aanmelding", "laatste_aanmelding"]
