import pytest

from tests import factories


@pytest.fixture(autouse=True)
def _media_in_tmp(media_in_tmp):
    """Every dossier test may upload: files go to a folder of the test."""


@pytest.fixture
def dossier():
    return factories.dossier_in_self_assessment()


@pytest.fixture
def people(dossier):
    """(focal point, president) of the dossier's commune."""
    return factories.commune_people(dossier)


@pytest.fixture
def focal_point(people):
    return people[0]


@pytest.fixture
def question(dossier):
    """Question 1.1.1 of the dossier's referential."""
    return factories.question(dossier)
