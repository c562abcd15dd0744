from django import template

from citizenlabel.common.texts import translated

register = template.Library()


@register.filter
def tr(texts):
    """{{ question.text|tr }}: the bilingual text in the active language, with a fallback."""
    return translated(texts)
