"""Mail: to the console by default, SMTP when EMAIL_HOST is set."""

from .env import env

EMAIL_HOST = env("EMAIL_HOST", default="")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="Loket voor Lokale Besturen <noreply@lokaalbestuur.vlaanderen.be>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# The portal's public address, for links in mails sent by tasks (no request there), e.g. https://loket.vlaanderen.be
LOKET_BASE_URL = env("LOKET_BASE_URL", default="")
