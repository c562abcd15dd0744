"""Writing a referential to the YAML format of DESIGN.md, which `parse_referential_yaml`
reads back to the very same `ReferentialSpec`."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import yaml

from .spec import (
    LANGUAGES,
    FieldSpec,
    OptionSpec,
    PrincipleSpec,
    QuestionSpec,
    ReferentialSpec,
    Texts,
    TopicSpec,
)


class _InlineTexts(dict):
    """A bilingual text, written on one line: `{ar: …, fr: …}` as in DESIGN.md."""


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Indent lists under their key, as DESIGN.md and most people write YAML.
        return super().increase_indent(flow, False)


def _represent_decimal(dumper: yaml.SafeDumper, number: Decimal) -> yaml.ScalarNode:
    # Whole numbers as ints (2, not 2.0); others in plain notation, never 1E+1.
    if number == number.to_integral_value():
        return dumper.represent_int(int(number))
    return dumper.represent_scalar("tag:yaml.org,2002:float", format(number, "f"))


def _represent_texts(dumper: yaml.SafeDumper, texts: _InlineTexts) -> yaml.MappingNode:
    return dumper.represent_mapping("tag:yaml.org,2002:map", texts.items(), flow_style=True)


_Dumper.add_representer(Decimal, _represent_decimal)
_Dumper.add_representer(_InlineTexts, _represent_texts)


def dump_referential_yaml(spec: ReferentialSpec) -> str:
    # Codes are str, so PyYAML quotes those that would read back as numbers ("1.1", "2022").
    return yaml.dump(
        _referential(spec),
        Dumper=_Dumper,
        allow_unicode=True,  # Arabic stays readable, not \u escapes
        sort_keys=False,  # keys in the order of DESIGN.md
        default_flow_style=False,
        width=4096,  # long question texts stay on one line
    )


def _texts(texts: Texts) -> _InlineTexts:
    return _InlineTexts(
        (language, texts[language]) for language in LANGUAGES if texts.get(language)
    )


def _without_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Optional keys are left out when empty, as a person would write the file."""
    return {key: value for key, value in data.items() if value not in ("", None, (), [], {})}


def _referential(spec: ReferentialSpec) -> dict[str, Any]:
    return _without_empty(
        {
            "code": spec.code,
            "version": spec.version,
            "title": _texts(spec.title),
            "aggregation": spec.aggregation,
            "description": _texts(spec.description),
            "principles": [_principle(principle) for principle in spec.principles],
            "fields": [_field(field_) for field_ in spec.fields],
        }
    )


def _principle(principle: PrincipleSpec) -> dict[str, Any]:
    anchors = [
        _without_empty({"ref": anchor.ref, "text": _texts(anchor.text)})
        for anchor in principle.anchors
    ]
    return _without_empty(
        {
            "code": principle.code,
            "title": _texts(principle.title),
            "anchors": anchors,
            "description": _texts(principle.description),
        }
    )


def _field(field_: FieldSpec) -> dict[str, Any]:
    return _without_empty(
        {
            "code": field_.code,
            "title": _texts(field_.title),
            "description": _texts(field_.description),
            "questions": [_question(question) for question in field_.questions],
            "topics": [_topic(topic) for topic in field_.topics],
        }
    )


def _topic(topic: TopicSpec) -> dict[str, Any]:
    questions = [_question(question) for question in topic.questions]
    # `questions` is kept even when empty so that the topic reads back the same.
    return {
        **_without_empty({"code": topic.code, "title": _texts(topic.title)}),
        "questions": questions,
    }


def _question(question: QuestionSpec) -> dict[str, Any]:
    return _without_empty(
        {
            "code": question.code,
            "letter": question.letter,
            "principle": question.principle,
            "kind": question.kind,
            "weight": question.weight,
            "max_points": question.max_points if question.kind == "multiple" else None,
            "critical": question.critical or None,
            "text": _texts(question.text),
            "help": _texts(question.help),
            "legal_basis": list(question.legal_basis),
            "evidence": [_texts(texts) for texts in question.evidence],
            "options": [_option(option) for option in question.options],
        }
    )


def _option(option: OptionSpec) -> dict[str, Any]:
    # A not-applicable option needs no points; write them only if someone gave some.
    points = None if option.not_applicable and not option.points else option.points
    return _without_empty(
        {
            "code": option.code,
            "points": points,
            "not_applicable": option.not_applicable or None,
            "exclusive": option.exclusive or None,
            "text": _texts(option.text),
        }
    )
