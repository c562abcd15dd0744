"""The data migration that marks the default referential's "none" options exclusive in a
database that loaded it before the flag existed."""

import importlib

import pytest
from django.apps import apps

from citizenlabel.referential.models import Option
from tests.factories import default_referential

pytestmark = pytest.mark.django_db

migration = importlib.import_module(
    "citizenlabel.referential.migrations.0003_lcc_2022_exclusive_options"
)


def exclusive_options(referential) -> list[tuple[str, str]]:
    options = Option.objects.filter(question__referential=referential, exclusive=True)
    return sorted(options.values_list("question__code", "code"))


def test_it_marks_the_none_options_of_an_already_loaded_lcc_2022():
    referential = default_referential()
    expected = exclusive_options(referential)  # as the YAML file marks them
    Option.objects.filter(question__referential=referential).update(exclusive=False)
    migration.mark_exclusive(apps, None)
    assert exclusive_options(referential) == expected
    assert expected == [(code, "a") for code in sorted(migration.NONE_OPTIONS)]
    migration.unmark_exclusive(apps, None)
    assert exclusive_options(referential) == []
