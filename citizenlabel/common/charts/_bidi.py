"""Arabic text prepared for drawing: joined letter forms, in visual order.

WeasyPrint draws SVG text one code point at a time (Kozea/WeasyPrint#2249, #2909), so
Arabic written in logical order comes out unjoined and mirrored in the PDF. The charts
therefore draw such text already shaped (Unicode presentation forms) and reordered with
the Unicode bidi algorithm (one line, no explicit embeddings), marked
`unicode-bidi="bidi-override"` so that browsers draw it exactly as WeasyPrint does.
"""

import unicodedata

# The letters U+0621…U+064A that have presentation forms, and how each joins:
# U never joins, R joins only the letter before it, D joins both sides.
_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
_JOINING = "URRRRDRDRDDDDDRRRRDDDDDDDDDDDDDDDRRD"
_FORM_COUNT = {"U": 1, "R": 2, "D": 4}
_JOIN_CAUSING = ("\u0640", "\u200d")  # tatweel, zero-width joiner
_LAM = "\u0644"
_LAM_ALEF = {"\u0622": 0xFEF5, "\u0623": 0xFEF7, "\u0625": 0xFEF9, "\u0627": 0xFEFB}
_MIRRORS = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


def _form_table() -> dict[str, tuple[str, int]]:
    """Each letter's joining type and the code point of its isolated form."""
    table, code = {}, 0xFE80
    for letter, joining in zip(_LETTERS, _JOINING, strict=True):
        table[letter] = (joining, code)
        code += _FORM_COUNT[joining]
    return table


_FORMS = _form_table()


def _joins_forward(char: str | None) -> bool:
    return char in _JOIN_CAUSING or (char in _FORMS and _FORMS[char][0] == "D")


def _joins_backward(char: str | None) -> bool:
    return char in _JOIN_CAUSING or (char in _FORMS and _FORMS[char][0] != "U")


def _is_arabic_mark(char: str) -> bool:
    """Harakat and other Arabic combining marks: drawn apart they land beside the letter."""
    return "\u0600" <= char <= "\u06ff" and unicodedata.combining(char) > 0


def shape_arabic(text: str) -> str:
    """The text with each Arabic letter in its contextual presentation form (marks dropped)."""
    chars = [c for c in text if not _is_arabic_mark(c)]
    shaped, index = [], 0
    while index < len(chars):
        char, before = chars[index], chars[index - 1] if index else None
        after = chars[index + 1] if index + 1 < len(chars) else None
        joined_before = _joins_forward(before) and _joins_backward(char)
        if char == _LAM and after in _LAM_ALEF:
            shaped.append(chr(_LAM_ALEF[after] + joined_before))
            index += 2
            continue
        if char in _FORMS:
            joining, isolated = _FORMS[char]
            joined_after = joining == "D" and _joins_backward(after)
            # Forms follow each other as isolated, final, initial, medial.
            offset = (2 if joined_after else 0) + (1 if joined_before else 0)
            shaped.append(chr(isolated + offset))
        else:
            shaped.append(char)
        index += 1
    return "".join(shaped)


def has_rtl(text: str) -> bool:
    """Whether the text holds right-to-left letters."""
    return any(unicodedata.bidirectional(c) in ("R", "AL") for c in text)


def _weak_types(text: str, base: str) -> list[str]:
    """Bidi class of each character after the rules W1–W7."""
    types, last_strong = [], base
    for char in text:
        kind = unicodedata.bidirectional(char) or "ON"
        kind = (types[-1] if types else base) if kind == "NSM" else kind
        if kind in ("L", "R", "AL"):
            last_strong = kind
        types.append("AN" if kind == "EN" and last_strong == "AL" else kind)
    types = ["R" if kind == "AL" else kind for kind in types]
    for i in range(1, len(types) - 1):  # W4: 1.5, 1,000 and 10:30 stay one number
        if types[i] in ("ES", "CS") and types[i - 1] == types[i + 1] == "EN":
            types[i] = "EN"
    for i, kind in enumerate(types):  # W5: a percent sign sticks to its number
        if kind == "ET" and "EN" in (types[i - 1] if i else None, _next(types, i)):
            types[i] = "EN"
    strong = base
    for i, kind in enumerate(types):  # W6, W7
        strong = kind if kind in ("L", "R") else strong
        if kind in ("ES", "ET", "CS"):
            types[i] = "ON"
        elif kind == "EN" and strong == "L":
            types[i] = "L"
    return types


def _next(types: list[str], index: int) -> str | None:
    """The first class after a run of ET starting at index."""
    return next((kind for kind in types[index + 1 :] if kind != "ET"), None)


def _levels(text: str, rtl: bool) -> list[int]:
    """Embedding level of each character (rules N1–N2, I1–I2 and L1)."""
    base = "R" if rtl else "L"
    types = _weak_types(text, base)
    strong = ["R" if t in ("R", "EN", "AN") else "L" if t == "L" else "" for t in types]
    for i, kind in enumerate(strong):
        if not kind:
            before = next((s for s in reversed(strong[:i]) if s), base)
            after = next((s for s in strong[i + 1 :] if s), base)
            types[i] = before if before == after else base
    table = {"L": 2 if rtl else 0, "R": 1, "EN": 2, "AN": 2}
    levels = [table[kind] for kind in types]
    trailing = len(text) - len(text.rstrip())
    return levels[: len(text) - trailing] + [int(rtl)] * trailing


def visual(text: str, rtl: bool) -> str:
    """Text holding Arabic, shaped and in the order it is drawn from left to right."""
    if not has_rtl(text):
        return text
    chars = [c for c in shape_arabic(text) if unicodedata.category(c) != "Cf"]
    levels = _levels("".join(chars), rtl)
    chars = [_MIRRORS.get(c, c) if level % 2 else c for c, level in zip(chars, levels, strict=True)]
    for level in (2, 1):  # L2: reverse every run at this level or higher
        start = 0
        while start < len(chars):
            if levels[start] < level:
                start += 1
                continue
            end = start
            while end < len(chars) and levels[end] >= level:
                end += 1
            chars[start:end], levels[start:end] = chars[start:end][::-1], levels[start:end][::-1]
            start = end
    return "".join(chars)
