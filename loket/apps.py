from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class LoketConfig(AppConfig):
    name = "loket"
    verbose_name = "Loket (kern)"

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import pagecache

        connection_created.connect(pagecache.install, dispatch_uid="loket.pagecache.install")
        post_migrate.connect(pagecache.new_release, sender=self, dispatch_uid="loket.pagecache.new_release")

        from . import checks  # noqa: F401  (registers the core's system checks)


class LoketAdminConfig(AdminConfig):
    default_site = "loket.admin_site.LoketAdminSite"
