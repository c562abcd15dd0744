"""Fixtures of the verification tests."""

import pytest

from tests.factories.people import coordination_member
from tests.factories.verification import verification_dossier


@pytest.fixture
def coordination():
    return coordination_member()


@pytest.fixture
def visit():
    """(dossier, team member): in verification, its visit scheduled."""
    return verification_dossier()
