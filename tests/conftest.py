import pytest
from django.utils import translation

from tests import factories


@pytest.fixture(autouse=True)
def _arabic_by_default():
    """Each test starts in the platform's default language, whatever the last one did."""
    with translation.override("ar"):
        yield


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def english():
    """Messages are compared with their English source, whatever the catalogues say."""
    with translation.override("en"):
        yield


@pytest.fixture
def english_pages(client, settings):
    """Messages and pages in English (an optional language of the platform), to compare with
    the sources; the test's `client` asks for them."""
    settings.LANGUAGES = [*settings.LANGUAGES, ("en", "English")]  # resets the active language
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def media_in_tmp(settings, tmp_path):
    """Uploaded files go to a folder of the test."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def targeted_plan():
    """(dossier, team member) of a plan to evaluate: 1.1.1 declared d, verified c, targeted
    at d by the plan."""
    dossier, member = factories.dossier_with_plan_to_evaluate()
    factories.plan_target(dossier, "1.1.1", ["d"])
    return dossier, member
