import pytest


@pytest.fixture(autouse=True)
def private_storage_in_tmp(settings, tmp_path):
    """Uploaded files of these tests go to a temporary folder, not to the project's media/."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path / "media")},
        },
    }
