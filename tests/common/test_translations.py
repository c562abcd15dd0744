"""The Arabic and French catalogues are complete and their compiled files are up to date,
so a new UI string cannot land in English only."""

import subprocess
from pathlib import Path

import pytest

LOCALE = Path(__file__).parents[2] / "citizenlabel" / "locale"


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_every_message_is_translated(language):
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    for option in ("--untranslated", "--only-fuzzy"):
        left = subprocess.run(
            ["msgattrib", option, "--no-obsolete", str(po)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert left.count("msgid ") <= 1, f"{language} {option}:\n{left[:2000]}"  # header only


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_compiled_catalogue_matches_its_source(language, tmp_path):
    folder = LOCALE / language / "LC_MESSAGES"
    compiled = tmp_path / "django.mo"
    subprocess.run(
        ["msgfmt", "--check-format", "-o", str(compiled), str(folder / "django.po")], check=True
    )
    assert compiled.read_bytes() == (folder / "django.mo").read_bytes(), "run `make messages`"
