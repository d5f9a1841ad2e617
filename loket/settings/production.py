"""Production: everything from the environment, nothing insecure, no mock login."""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .env import env

DEBUG = False
WHITENOISE_USE_FINDERS = False
try:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
except ImproperlyConfigured as exc:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY moet gezet zijn in productie.") from exc
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("dev-only"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY is te kort of is de ontwikkelsleutel.")

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS")
LOKET_MOCK_LOGIN = False  # impossible to enable in production, whatever the environment says
LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE = False  # never fetch private or loopback addresses for a vendor (SSRF)

# Uploads are virus-scanned in production: without a ClamAV daemon the portal refuses to start, unless someone
# switched scanning off on purpose (e.g. a scanning proxy in front). docs/operations.md, docs/reliability.md.
if not LOKET_CLAMD_ADDRESS and not env.bool("LOKET_VIRUS_SCAN_DISABLED", default=False):  # noqa: F405
    raise ImproperlyConfigured(
        "LOKET_CLAMD_ADDRESS moet gezet zijn in productie (socket of host:poort van de ClamAV-daemon); "
        "zet LOKET_VIRUS_SCAN_DISABLED=true om bewust zonder viruscontrole te draaien."
    )

SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

STORAGES["staticfiles"] = {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"}  # noqa: F405
