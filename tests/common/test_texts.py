from django.utils import translation

from citizenlabel.common.fields import BilingualFormField
from citizenlabel.common.texts import translated


def test_it_reads_the_active_language():
    with translation.override("fr"):
        assert translated({"ar": "المشاركة", "fr": "Participation"}) == "Participation"
    assert translated({"ar": "المشاركة", "fr": "Participation"}) == "المشاركة"


def test_it_falls_back_to_the_other_language():
    with translation.override("fr"):
        assert translated({"ar": "المشاركة"}) == "المشاركة"
    assert translated({"fr": "Participation"}) == "Participation"
    assert translated({}) == ""


def test_the_form_field_needs_one_language_and_drops_blanks():
    field = BilingualFormField()
    assert field.clean(["  المشاركة ", ""]) == {"ar": "المشاركة"}
    try:
        field.clean(["", " "])
    except Exception as error:  # noqa: BLE001 - Django raises ValidationError
        assert "Arabic" in str(error) or "العربية" in str(error)
    else:
        raise AssertionError("an empty bilingual text was accepted")
