from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Gebruikers"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .services import bewaar_sessie_versie

        user_logged_in.connect(bewaar_sessie_versie, dispatch_uid="loket-sessie-versie")
        # Django writes User.last_login at every login. The first and last login per bestuur live on Membership
        # (the Gebruikers page shows those): one write fewer per login.
        user_logged_in.disconnect(dispatch_uid="update_last_login")
