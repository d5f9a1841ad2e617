import pytest


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    """Uploads and the outbox go to a temporary folder per test: nothing leaks into the project's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
        "bbcdr_outbox": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "outbox")},
        },
    }
    settings.BBCDR_OUTBOX_STORAGE = "bbcdr_outbox"
    return tmp_path
