from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class LoketConfig(AppConfig):
    name = "loket"
    verbose_name = "Loket (kern)"

    def ready(self):
        from django.db.backends.signals import connection_created

        from . import pagecache

        connection_created.connect(pagecache.install, dispatch_uid="loket.pagecache.install")


class LoketAdminConfig(AdminConfig):
    default_site = "loket.admin_site.LoketAdminSite"
