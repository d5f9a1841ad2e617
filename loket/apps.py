from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class LoketConfig(AppConfig):
    name = "loket"
    verbose_name = "Loket (kern)"


class LoketAdminConfig(AdminConfig):
    default_site = "loket.admin_site.LoketAdminSite"
