"""Name search that forgives spelling: the usual Arabic variants and French accents."""

import re
import unicodedata

# Letters written in several ways in Moroccan place names, mapped to one plain form.
# (أ إ آ ؤ ئ lose their hamza or madda when combining marks are stripped after NFKD.)
_LETTERS = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "ة": "ه",  # teh marbuta
        "ى": "ي",  # alef maksura
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian kaf
        "ـ": None,  # tatweel
        "'": None,
        "’": None,
        "ʼ": None,
    }
)
_SEPARATORS = re.compile(r"[\s\-‐‑–—_]+")


def normalise(text: str) -> str:
    """`text` stripped of diacritics, harakat, accents, case and extra spaces or hyphens."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    plain = plain.translate(_LETTERS).casefold()
    return _SEPARATORS.sub(" ", plain).strip()


def matches(query: str, *names: str) -> bool:
    """Whether the query, normalised, is found in one of the names (an empty query matches)."""
    wanted = normalise(query)
    return not wanted or any(wanted in normalise(name) for name in names if name)
