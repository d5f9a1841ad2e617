"""Core Django settings. Each concern lives in its own module, imported at the end.

With no environment at all this gives the embedded development default: SQLite, eager Celery tasks,
mail to the console, files on local disk and DEBUG on. See docs/operations.md for every variable.
"""

from .env import BASE_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
# A fixed development key: production.py refuses to start without its own.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "loket.apps.LoketAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "django_filters",
    "django_htmx",
    "loket.apps.LoketConfig",
    "accounts",
    "toezicht",
    "mandaten",
    "bbcdr",
    "berichten",
    "leidinggevenden",
    "leveranciers",
    "subsidies",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "loket.middleware.LoginRequiredMiddleware",  # Django's, with a `next` that answers GET
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "accounts.middleware.ActiveBestuurMiddleware",
    "loket.middleware.OngeldigeInvoerMiddleware",
    "loket.middleware.AccessMiddleware",
    "loket.middleware.LoginRateLimitMiddleware",
]

ROOT_URLCONF = "loket.urls"
WSGI_APPLICATION = "loket.wsgi.application"

CONTEXT_PROCESSORS = [
    "django.template.context_processors.request",
    "django.contrib.auth.context_processors.auth",
    "django.contrib.messages.context_processors.messages",
]
TEMPLATES = [
    {
        # Every page, mail and PDF of the Loket: Jinja2 (loket/jinja.py; templates in jinja2/ and <app>/jinja2/).
        "NAME": "jinja2",
        "BACKEND": "loket.jinja.LoketJinja2",
        "DIRS": [BASE_DIR / "jinja2"],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "loket.jinja.environment",
            "context_processors": CONTEXT_PROCESSORS + ["loket.context_processors.loket"],
        },
    },
    {
        # Django admin and allauth keep their own templates in Django's engine.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {"context_processors": CONTEXT_PROCESSORS},
    },
]

LANGUAGE_CODE = "nl-be"
LANGUAGES = [("nl-be", "Nederlands")]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
DATE_FORMAT = "d-m-Y"
SHORT_DATE_FORMAT = "d-m-Y"
DATETIME_FORMAT = "d-m-Y H:i"
SHORT_DATETIME_FORMAT = "d-m-Y H:i"
DATE_INPUT_FORMATS = ["%d-%m-%Y", "%Y-%m-%d", "%d/%m/%Y"]
USE_THOUSAND_SEPARATOR = False  # ids in forms and URLs must never read "1.665"; use |intcomma for figures

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The helpdesk shown in the footer and on every error page.
LOKET_HELPDESK_TELEFOON = env("LOKET_HELPDESK_TELEFOON", default="1700")
LOKET_HELPDESK_EMAIL = env("LOKET_HELPDESK_EMAIL", default="loketlokaalbestuur@vlaanderen.be")

# Reference data (../shared/data, copied into the repo) loaded by `manage.py load_reference_data`.
# The licence the open data (loket.opendata: the public datasets page and its DCAT catalogue) are published under.
LOKET_OPEN_DATA_LICENTIE_URL = env(
    "LOKET_OPEN_DATA_LICENTIE_URL",
    default="https://data.vlaanderen.be/id/licentie/modellicentie-gratis-hergebruik/v1.0",
)
LOKET_OPEN_DATA_LICENTIE_LABEL = env(
    "LOKET_OPEN_DATA_LICENTIE_LABEL", default="Modellicentie Gratis Hergebruik v1.0"
)
LOKET_REFERENCE_DATA_DIR = env("LOKET_REFERENCE_DATA_DIR", default=str(BASE_DIR / "loket" / "data"))

from .auth import *  # noqa: E402,F403
from .database import *  # noqa: E402,F403
from .email import *  # noqa: E402,F403
from .leveranciers import *  # noqa: E402,F403
from .logging import *  # noqa: E402,F403
from .security import *  # noqa: E402,F403
from .storage import *  # noqa: E402,F403
from .tasks import *  # noqa: E402,F403
