"""Files. Uploads are private: local disk outside the static root by default, S3 when S3_BUCKET is set.

Nothing under MEDIA_ROOT is ever served directly; every download goes through a view that checks the
user's right (loket.files.download_response).
"""

from pathlib import Path

from .env import BASE_DIR, env

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = Path(env("DJANGO_MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/_prive/"  # no route serves it: private files are downloaded through rights-checked views

S3_BUCKET = env("S3_BUCKET", default="")

if S3_BUCKET:
    _private_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": S3_BUCKET,
            "endpoint_url": env("S3_ENDPOINT_URL", default=None),
            "region_name": env("S3_REGION", default="eu-west-1"),
            "access_key": env("S3_ACCESS_KEY_ID", default=None),
            "secret_key": env("S3_SECRET_ACCESS_KEY", default=None),
            "addressing_style": env("S3_ADDRESSING_STYLE", default="path"),
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
else:
    _private_storage = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT)},
    }

STORAGES = {
    "default": _private_storage,
    "staticfiles": {
        "BACKEND": env(
            "DJANGO_STATICFILES_STORAGE", default="django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}

# Upload bounds (DESIGN.md: default 100 MB per file). Larger request bodies are streamed to disk.
LOKET_MAX_UPLOAD_BYTES = env.int("LOKET_MAX_UPLOAD_BYTES", default=100 * 1024 * 1024)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_PERMISSIONS = 0o640

# Virus scanning (loket/uploads.py): every upload is streamed to a ClamAV daemon before it is kept.
# A unix socket path (/run/clamav/clamd.ctl) or host:port (clamd:3310). Empty: scanning off (the embedded default;
# `manage.py check` says so). Production refuses to start without it unless LOKET_VIRUS_SCAN_DISABLED=true.
LOKET_CLAMD_ADDRESS = env("LOKET_CLAMD_ADDRESS", default="")
LOKET_CLAMD_TIMEOUT = env.float("LOKET_CLAMD_TIMEOUT", default=60.0)

# Static files are served by whitenoise in every process (no separate file server needed); in development
# straight from the source folders.
WHITENOISE_USE_FINDERS = env.bool("WHITENOISE_USE_FINDERS", default=True)

# BBC-DR: sent reports are packaged (zip + manifest) and delivered to this storage by bbcdr.tasks.
# BBCDR_OUTBOX_STORAGE names the STORAGES alias to use; by default "bbcdr_outbox": a folder on disk
# (MEDIA_ROOT/outbox), or a prefix in the S3 bucket (BBCDR_OUTBOX_BUCKET, default S3_BUCKET) in production.
BBCDR_OUTBOX_STORAGE = env("BBCDR_OUTBOX_STORAGE", default="bbcdr_outbox")
if S3_BUCKET:
    STORAGES["bbcdr_outbox"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **_private_storage["OPTIONS"],
            "bucket_name": env("BBCDR_OUTBOX_BUCKET", default=S3_BUCKET),
            "location": env("BBCDR_OUTBOX_PREFIX", default="bbcdr-outbox"),
        },
    }
else:
    STORAGES["bbcdr_outbox"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT / "outbox")},
    }
