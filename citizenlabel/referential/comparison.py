"""What changed between two versions of a referential, question by question (by code)."""

from dataclasses import dataclass, fields

from .spec import QuestionSpec, ReferentialSpec

COMPARED = [f.name for f in fields(QuestionSpec) if f.name != "code"]


@dataclass(frozen=True)
class PlacedQuestion:
    field_code: str
    question: QuestionSpec


@dataclass(frozen=True)
class QuestionChange:
    code: str
    before: PlacedQuestion
    after: PlacedQuestion
    changed: tuple[str, ...]  # names of the attributes that differ ("field", "options", …)


@dataclass(frozen=True)
class Comparison:
    added: tuple[PlacedQuestion, ...]
    removed: tuple[PlacedQuestion, ...]
    changed: tuple[QuestionChange, ...]
    unchanged_count: int


def _placed(spec: ReferentialSpec) -> dict[str, PlacedQuestion]:
    return {q.code: PlacedQuestion(field.code, q) for field, q in spec.questions()}


def compare_referentials(before: ReferentialSpec, after: ReferentialSpec) -> Comparison:
    old, new = _placed(before), _placed(after)
    changed, unchanged = [], 0
    for code in old.keys() & new.keys():
        differences = _differences(old[code], new[code])
        if differences:
            changed.append(QuestionChange(code, old[code], new[code], differences))
        else:
            unchanged += 1
    order = list(new) + [code for code in old if code not in new]
    return Comparison(
        added=tuple(new[code] for code in new if code not in old),
        removed=tuple(old[code] for code in old if code not in new),
        changed=tuple(sorted(changed, key=lambda change: order.index(change.code))),
        unchanged_count=unchanged,
    )


def _differences(before: PlacedQuestion, after: PlacedQuestion) -> tuple[str, ...]:
    names = ["field"] if before.field_code != after.field_code else []
    names += [
        name for name in COMPARED if getattr(before.question, name) != getattr(after.question, name)
    ]
    return tuple(names)
