"""Test settings: the development settings with fast hashing and no mail or files leaking out."""

from .base import *  # noqa: F403

DEBUG = False
LOKET_JINJA_STRENG = True  # a template that prints a method without calling it fails (loket/jinja.py)
LOKET_MOCK_LOGIN = True  # the tests exercise the mock login (and check it is refused in production)
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
LOKET_VENDOR_DOWNLOAD_ALLOW_PRIVATE = True  # the tests serve decision pages from a loopback web server
LOKET_VENDOR_DOWNLOAD_BACKOFF_SECONDS = 0
LOKET_VENDOR_DOWNLOAD_RETRIES = 2
STORAGES["staticfiles"] = {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}  # noqa: F405

# Uploaded and generated files go to a throw-away folder, never into the working tree's media/.
import atexit  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="loket-test-media-"))
atexit.register(shutil.rmtree, MEDIA_ROOT, ignore_errors=True)
for _alias, _subdir in (("default", ""), ("bbcdr_outbox", "outbox")):
    if STORAGES[_alias]["BACKEND"].endswith("FileSystemStorage"):  # noqa: F405
        STORAGES[_alias]["OPTIONS"]["location"] = str(MEDIA_ROOT / _subdir)  # noqa: F405
