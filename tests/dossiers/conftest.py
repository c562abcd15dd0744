"""Fixtures of the dossiers tests: a dossier in self-assessment, its people, a question."""

import pytest

from citizenlabel.people.enums import Role
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


@pytest.fixture
def member(dossier):
    return factories.team_member(dossier)


@pytest.fixture
def other_team_member():
    return factories.user_with_role(
        Role.TECHNICAL_TEAM, technical_team=factories.TechnicalTeamFactory()
    )


@pytest.fixture
def thread(dossier, focal_point):
    return factories.clarification(dossier, by=focal_point)
