"""Fixtures of the verification tests."""

import pytest

from tests.factories.people import coordination_member


@pytest.fixture
def coordination():
    return coordination_member()
