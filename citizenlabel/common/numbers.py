"""Figures as people read them, written the same way in tables, charts and PDFs."""

from django.template.defaultfilters import floatformat


def number_text(value: float, digits: int | str = -1) -> str:
    """Localised and rounded half up (56.25 -> "56,3"); `digits` as floatformat takes it."""
    return str(floatformat(value, digits))


def percent_text(value: float | None, digits: int | str = 1) -> str:
    """66.666 -> "66,7 %"; no value -> "—"."""
    if value is None or value == "":
        return "—"
    return f"{number_text(value, digits)} %"
