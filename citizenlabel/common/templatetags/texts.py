from django import template
from django.template.defaultfilters import floatformat
from django.utils.html import format_html

from citizenlabel.common.numbers import percent_text
from citizenlabel.common.texts import translated

register = template.Library()


@register.filter
def tr(texts):
    """{{ question.text|tr }}: the bilingual text in the active language, with a fallback."""
    return translated(texts)


@register.filter
def percent(value, digits: int = 1):
    """66.67 -> “66,7 %” kept left-to-right inside Arabic text (else it reads “% 66,7”).

    The charts write their figures with the same percent_text, so both round alike.
    """
    text = percent_text(value, digits)
    return text if text == "—" else format_html('<bdi dir="ltr">{}</bdi>', text)


@register.filter
def out_of(points, maximum):
    """“2 / 6” kept left-to-right inside Arabic text."""
    return format_html(
        '<bdi dir="ltr">{} / {}</bdi>', floatformat(points, "-2"), floatformat(maximum, "-2")
    )
