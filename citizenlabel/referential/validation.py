"""The one validator of a referential, shared by every file format.

YAML and Excel are first turned into the same nested dict; `build_referential` checks it
and builds the `ReferentialSpec`, so both formats refuse exactly the same mistakes. It never
stops at the first mistake: every problem is collected with its place (given by the
format's `Locator`) and all are raised together.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, Protocol

from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput, Problem

from .spec import (
    AGGREGATIONS,
    KINDS,
    LANGUAGES,
    AnchorSpec,
    FieldSpec,
    OptionSpec,
    PrincipleSpec,
    QuestionSpec,
    ReferentialSpec,
    Texts,
    TopicSpec,
)

# Where a value sits in the nested data: ("fields", 0, "topics", 1, "questions", 3, "code").
DataPath = tuple[str | int, ...]

# The only keys each level accepts: a misspelt key is refused, never silently ignored.
# fmt: off
REFERENTIAL_KEYS = ("code", "version", "title", "aggregation", "description", "principles",
                    "fields")
PRINCIPLE_KEYS = ("code", "title", "anchors", "description")
ANCHOR_KEYS = ("ref", "text")
FIELD_KEYS = ("code", "title", "description", "topics", "questions")
TOPIC_KEYS = ("code", "title", "questions")
QUESTION_KEYS = ("code", "letter", "principle", "kind", "weight", "max_points", "text", "help",
                 "legal_basis", "evidence", "critical", "options")
# fmt: on
OPTION_KEYS = ("code", "text", "points", "not_applicable", "exclusive")


class Locator(Protocol):
    """Turns a data path into a place an operator can find (a line, a cell)."""

    def place(self, path: DataPath) -> str: ...

    def raw(self, path: DataPath) -> str | None: ...


def build_referential(
    data: Any, locator: Locator, earlier: Sequence[Problem] = ()
) -> ReferentialSpec:
    """Validate nested data from any format; raise every problem (with `earlier` ones)."""
    checker = _Checker(locator)
    spec = checker.referential(data)
    problems = [*earlier, *checker.problems]
    if problems or spec is None:
        raise InvalidInput(problems)
    return spec


def shown(value: Any) -> str:
    """A value as a message shows it: quoted when text, cut when long."""
    text = str(value) if isinstance(value, Decimal) else repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def to_decimal(value: Any) -> Decimal | None:
    """A finite Decimal from a YAML/Excel number (through str, so 0.1 stays 0.1)."""
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    number = Decimal(str(value))
    return number if number.is_finite() else None


class _Checker:
    """Walks the nested data once, building the spec and noting every problem on the way."""

    def __init__(self, locator: Locator) -> None:
        self.locator = locator
        self.problems: list[Problem] = []
        self.principle_codes: dict[str, DataPath] = {}
        self.field_codes: dict[str, DataPath] = {}
        self.question_codes: dict[str, DataPath] = {}
        self.question_count = 0

    def report(self, path: DataPath, message: str) -> None:
        self.problems.append(Problem(self.locator.place(path), message))

    # Shapes and scalars.

    def mapping(self, value: Any, path: DataPath, allowed: Sequence[str]) -> dict | None:
        if not isinstance(value, dict):
            message = _("Expected a mapping of keys and values, not %(value)s.")
            self.report(path, message % {"value": shown(value)})
            return None
        for key in value:
            if key not in allowed:
                message = _('Unknown key "%(key)s"; allowed keys: %(allowed)s.')
                self.report((*path, key), message % {"key": key, "allowed": ", ".join(allowed)})
        return value

    def items(self, data: dict, key: str, path: DataPath, required: bool) -> list[tuple]:
        value = data.get(key)
        if value is None:
            if required:
                self.report((*path, key), _("A value is required."))
            return []
        if not isinstance(value, list):
            message = _("Expected a list, not %(value)s.")
            self.report((*path, key), message % {"value": shown(value)})
            return []
        return [((*path, key, index), item) for index, item in enumerate(value)]

    def code(self, data: dict, key: str, path: DataPath, required: bool = True) -> str:
        value, where = data.get(key), (*path, key)
        if value is None:
            if required:
                self.report(where, _("A value is required."))
            return ""
        if not isinstance(value, str):
            # An unquoted 1.10 would silently become 1.1 and 2022 a number: refuse both.
            raw = self.locator.raw(where) or str(value)
            message = _('Codes must be text: put %(value)s in quotes, "%(value)s".')
            self.report(where, message % {"value": raw})
            return ""
        if not value.strip() and required:
            self.report(where, _("A value is required."))
        return value.strip()

    def choice(
        self, data: dict, key: str, path: DataPath, choices: Sequence[str], message: str
    ) -> str:
        value = data.get(key)
        if value is None:
            self.report((*path, key), _("A value is required."))
        elif value not in choices:
            self.report((*path, key), message % {"value": value})
        return value if value in choices else ""

    def boolean(self, data: dict, key: str, path: DataPath) -> bool:
        value = data.get(key, False)
        if not isinstance(value, bool):
            message = _("Expected true or false, not %(value)s.")
            self.report((*path, key), message % {"value": shown(value)})
            return False
        return value

    def number(
        self, data: dict, key: str, path: DataPath, valid: Callable[[Decimal], bool], message: str
    ) -> Decimal | None:
        """The number under `key` (None when absent); `message` when it is not `valid`."""
        value = data.get(key)
        if value is None:
            return None
        number = to_decimal(value)
        if number is None or not valid(number):
            self.report((*path, key), message % {"value": shown(value)})
            return None
        return number

    def texts(self, data: dict, key: str, path: DataPath, required: bool) -> Texts:
        return self.text_value(data.get(key), (*path, key), required)

    def text_value(self, value: Any, where: DataPath, required: bool) -> Texts:
        if isinstance(value, str):  # the same words in both languages
            value = {"ar": value, "fr": value}
        if value is not None and not isinstance(value, dict):
            message = _("Expected a text such as {ar: …, fr: …}, not %(value)s.")
            self.report(where, message % {"value": shown(value)})
            return {}
        result = self._languages(value or {}, where)
        if (required or result) and not (result.get("ar") or result.get("fr")):
            self.report(where, _("A text in Arabic (ar) or French (fr) is required."))
        return result

    def _languages(self, value: dict, where: DataPath) -> Texts:
        result: Texts = {}
        for language, text in value.items():
            if language not in LANGUAGES:
                message = _('Unknown language "%(key)s"; allowed: ar, fr, en.')
                self.report((*where, language), message % {"key": language})
            elif text is not None and not isinstance(text, str):
                message = _("Expected text, not %(value)s; put it in quotes.")
                self.report((*where, language), message % {"value": shown(text)})
            elif text and text.strip():
                result[language] = text
        return result

    def unique(self, seen: dict[str, DataPath], code: str, where: DataPath, message: str) -> None:
        if code and code in seen:
            first = self.locator.place(seen[code])
            self.report(where, message % {"code": code, "first": first})
        elif code:
            seen[code] = where

    # The referential, level by level.

    def referential(self, data: Any) -> ReferentialSpec | None:
        top = self.mapping(data, (), REFERENTIAL_KEYS)
        if top is None:
            return None
        code, version = self.code(top, "code", ()), self.code(top, "version", ())
        title = self.texts(top, "title", (), required=True)
        aggregation = "points"
        if top.get("aggregation") is not None:
            message = _('Unknown aggregation "%(value)s"; use points or principle_mean.')
            aggregation = self.choice(top, "aggregation", (), AGGREGATIONS, message)
        description = self.texts(top, "description", (), required=False)
        principles = self.principles(top)
        declared = set(self.principle_codes) if top.get("principles") is not None else None
        fields = tuple(
            spec
            for path, item in self.items(top, "fields", (), required=True)
            if (spec := self.field(item, path, declared)) is not None
        )
        if isinstance(top.get("fields"), list) and not self.question_count:
            self.report(("fields",), _("The referential has no questions."))
        return ReferentialSpec(code, version, title, principles, fields, aggregation, description)

    def principles(self, top: dict) -> tuple[PrincipleSpec, ...]:
        result = []
        for path, item in self.items(top, "principles", (), required=True):
            principle = self.mapping(item, path, PRINCIPLE_KEYS)
            if principle is None:
                continue
            code = self.code(principle, "code", path)
            message = _('Duplicate principle code "%(code)s"; first used at %(first)s.')
            self.unique(self.principle_codes, code, (*path, "code"), message)
            title = self.texts(principle, "title", path, required=True)
            anchors = tuple(
                anchor
                for anchor_path, value in self.items(principle, "anchors", path, required=False)
                if (anchor := self.anchor(value, anchor_path)) is not None
            )
            description = self.texts(principle, "description", path, required=False)
            result.append(PrincipleSpec(code, title, anchors, description))
        return tuple(result)

    def anchor(self, value: Any, path: DataPath) -> AnchorSpec | None:
        anchor = self.mapping(value, path, ANCHOR_KEYS)
        if anchor is None:
            return None
        ref = self.code(anchor, "ref", path)
        return AnchorSpec(ref, self.texts(anchor, "text", path, required=False))

    def field(self, value: Any, path: DataPath, declared: set[str] | None) -> FieldSpec | None:
        field_ = self.mapping(value, path, FIELD_KEYS)
        if field_ is None:
            return None
        code = self.code(field_, "code", path)
        message = _('Duplicate field code "%(code)s"; first used at %(first)s.')
        self.unique(self.field_codes, code, (*path, "code"), message)
        title = self.texts(field_, "title", path, required=True)
        questions = self.questions(field_, path, declared)
        topics = []
        for topic_path, item in self.items(field_, "topics", path, required=False):
            topic = self.mapping(item, topic_path, TOPIC_KEYS)
            if topic is not None:
                topic_code = self.code(topic, "code", topic_path, required=False)
                topic_title = self.texts(topic, "title", topic_path, required=True)
                topic_questions = self.questions(topic, topic_path, declared)
                topics.append(TopicSpec(topic_title, topic_questions, topic_code))
        description = self.texts(field_, "description", path, required=False)
        return FieldSpec(code, title, questions, tuple(topics), description)

    def questions(
        self, parent: dict, path: DataPath, declared: set[str] | None
    ) -> tuple[QuestionSpec, ...]:
        return tuple(
            spec
            for question_path, item in self.items(parent, "questions", path, required=False)
            if (spec := self.question(item, question_path, declared)) is not None
        )

    def question(
        self, value: Any, path: DataPath, declared: set[str] | None
    ) -> QuestionSpec | None:
        question = self.mapping(value, path, QUESTION_KEYS)
        if question is None:
            return None
        self.question_count += 1
        code = self.code(question, "code", path)
        message = _('Duplicate question code "%(code)s"; first used at %(first)s.')
        self.unique(self.question_codes, code, (*path, "code"), message)
        principle = self.code(question, "principle", path)
        if principle and declared is not None and principle not in declared:
            message = _('Unknown principle "%(code)s"; declared principles: %(known)s.')
            known = ", ".join(sorted(declared)) or _("(none)")
            self.report((*path, "principle"), message % {"code": principle, "known": known})
        message = _('Unknown kind "%(value)s"; use single or multiple.')
        kind = self.choice(question, "kind", path, KINDS, message)
        return QuestionSpec(
            code=code,
            principle=principle,
            kind=kind,
            text=self.texts(question, "text", path, required=True),
            options=self.options(question, path, kind),
            letter=self.code(question, "letter", path, required=False),
            weight=self.weight(question, path),
            max_points=self.max_points(question, path) if kind == "multiple" else None,
            help=self.texts(question, "help", path, required=False),
            legal_basis=self.legal_basis(question, path),
            evidence=self.evidence(question, path),
            critical=self.boolean(question, "critical", path),
        )

    def weight(self, question: dict, path: DataPath) -> Decimal:
        message = _("The weight must be a positive number, not %(value)s.")
        weight = self.number(question, "weight", path, lambda n: n > 0, message)
        return Decimal(1) if weight is None else weight

    def max_points(self, question: dict, path: DataPath) -> Decimal | None:
        message = _("max_points must be a positive number, not %(value)s.")
        return self.number(question, "max_points", path, lambda n: n > 0, message)

    def legal_basis(self, question: dict, path: DataPath) -> tuple[str, ...]:
        if isinstance(question.get("legal_basis"), str):  # one reference needs no list
            return (question["legal_basis"].strip(),)
        references = []
        for item_path, item in self.items(question, "legal_basis", path, required=False):
            if isinstance(item, str) and item.strip():
                references.append(item.strip())
            else:
                message = _("Expected a legal reference as text, not %(value)s.")
                self.report(item_path, message % {"value": shown(item)})
        return tuple(references)

    def evidence(self, question: dict, path: DataPath) -> tuple[Texts, ...]:
        pieces = self.items(question, "evidence", path, required=False)
        texts = (self.text_value(item, item_path, required=True) for item_path, item in pieces)
        return tuple(text for text in texts if text)

    def options(self, question: dict, path: DataPath, kind: str) -> tuple[OptionSpec, ...]:
        if question.get("options") == []:
            self.report((*path, "options"), _("A question needs at least one option."))
        seen: dict[str, DataPath] = {}
        options = tuple(
            spec
            for option_path, item in self.items(question, "options", path, required=True)
            if (spec := self.option(item, option_path, seen, kind)) is not None
        )
        if options and all(option.not_applicable for option in options):
            message = _("Every option is not_applicable; at least one must give points.")
            self.report((*path, "options"), message)
        return options

    def option(
        self, value: Any, path: DataPath, seen: dict[str, DataPath], kind: str
    ) -> OptionSpec | None:
        option = self.mapping(value, path, OPTION_KEYS)
        if option is None:
            return None
        code = self.code(option, "code", path)
        message = _('Duplicate option code "%(code)s"; first used at %(first)s.')
        self.unique(seen, code, (*path, "code"), message)
        not_applicable = self.boolean(option, "not_applicable", path)
        if option.get("points") is None and not not_applicable:
            message = _('Option "%(code)s" has no points; give points or mark it not_applicable.')
            self.report(path, message % {"code": code})
        message = _("Points must be a number, zero or more, not %(value)s.")
        points = self.number(option, "points", path, lambda n: n >= 0, message)
        text = self.texts(option, "text", path, required=True)
        exclusive = self.exclusive(option, path, kind, not_applicable)
        points = Decimal(0) if points is None else points
        return OptionSpec(code, text, points, not_applicable, exclusive)

    def exclusive(self, option: dict, path: DataPath, kind: str, not_applicable: bool) -> bool:
        """`exclusive: true` ("none of these"), which only a multiple question can use."""
        exclusive = self.boolean(option, "exclusive", path)
        if exclusive and kind == "single":
            # A single question takes one option anyway: the flag would mean nothing.
            message = _("exclusive is for the options of a multiple question; this one is single.")
            self.report((*path, "exclusive"), message)
        elif exclusive and not_applicable:
            message = _(
                "An option is exclusive or not_applicable, not both: "
                "not_applicable already cannot be chosen with another option."
            )
            self.report((*path, "exclusive"), message)
        return exclusive
