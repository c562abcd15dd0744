"""Bilingual data: texts stored as {"ar": …, "fr": …[, "en": …]} with a fallback."""

from django.utils.translation import get_language

Texts = dict[str, str]


def text_in(texts: Texts, language: str) -> str:
    """The text in `language`, falling back to Arabic, then French, then anything."""
    for code in (language, "ar", "fr", *texts):
        if texts.get(code):
            return texts[code]
    return ""


def translated(texts: Texts | None, language: str | None = None) -> str:
    """The text in the active language, else Arabic, else French, else whatever exists."""
    if not texts:
        return ""
    if isinstance(texts, str):
        return texts
    return text_in(texts, (language or get_language() or "ar")[:2])
