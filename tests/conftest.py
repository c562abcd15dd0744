import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _arabic_by_default():
    """Each test starts in the platform's default language, whatever the last one did."""
    with translation.override("ar"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
