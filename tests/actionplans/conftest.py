"""Fixtures of the action plans tests."""

import pytest

from tests.factories.actionplans import dossier_with_plan


@pytest.fixture
def planned():
    """(plan, focal point): the plan opened with one expected result (1.1.1 → d)."""
    return dossier_with_plan()
