"""Test settings: the development settings with fast hashing and no mail or files leaking out."""

from .base import *  # noqa: F403

DEBUG = False
LOKET_MOCK_LOGIN = True  # the tests exercise the mock login (and check it is refused in production)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405
