"""Fixtures of the accreditation tests."""

import pytest

from tests.factories import CommuneFactory, granted_label


@pytest.fixture
def label():
    return granted_label(commune=CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"}))
