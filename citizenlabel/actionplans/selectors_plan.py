"""Reads of the plan's draft (weaknesses, what-if) and of the logical framework, each in a
fixed number of queries whatever the number of rows."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Question
from citizenlabel.referential.scoring import rounded
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.referential.spec import QuestionSpec, ReferentialSpec
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.models import AgreedPriority
from citizenlabel.verification.selectors import snapshot

from .enums import Level
from .models import ActionPlan, Assumption, Indicator, ResultTarget
from .planning import (
    Candidate,
    Projection,
    Reach,
    WhatIf,
    by_principle,
    priority_first,
    score_with,
    weaknesses,
    what_if,
)

# --- the draft ---------------------------------------------------------------------------


def option_labels(question: QuestionSpec, codes) -> str:
    """The options' texts in the active language, joined."""
    options = [question.option(code) for code in codes]
    separator = pgettext("between options", "; ")
    return separator.join(translated(option.text) for option in options if option is not None)


@dataclass(frozen=True)
class DraftItem:
    """A candidate as the draft shows it, its texts in the active language."""

    candidate: Candidate
    current: str
    reaches: list[tuple[Reach, str]]

    @property
    def best_label(self) -> str:
        return option_labels(self.candidate.question, self.candidate.best.added)


@dataclass(frozen=True)
class Draft:
    dossier: Dossier
    spec: ReferentialSpec
    answers: dict[str, list[str]]
    items: list[DraftItem]
    groups: list[tuple[dict, float | None, list[DraftItem]]]  # (title, principle %, items)
    what_if: WhatIf
    components: dict[str, Decimal]
    threshold: Decimal
    floor: Decimal
    priorities: list[AgreedPriority] = field(default_factory=list)

    @property
    def candidates(self) -> list[Candidate]:
        return [item.candidate for item in self.items]

    def score(self, changes: dict[str, tuple[str, ...]]) -> Projection:
        weights = self.dossier.edition.component_weights()
        return score_with(
            self.spec, self.answers, changes, components=self.components, weights=weights
        )


def priority_question_codes(spec: ReferentialSpec, priorities: list[AgreedPriority]) -> list[str]:
    """An agreed priority reaches the questions of its principle, in the priorities' order."""
    codes = []
    for priority in priorities:
        if priority.principle_id is not None:
            code = priority.principle.code
            codes += [q.code for _f, q in spec.questions() if q.principle == code]
    return codes


def _item(candidate: Candidate) -> DraftItem:
    question = candidate.question
    return DraftItem(
        candidate=candidate,
        current=option_labels(question, candidate.current),
        reaches=[(reach, option_labels(question, reach.added)) for reach in candidate.reaches],
    )


def plan_draft(dossier: Dossier) -> Draft | None:
    """The draft from the final score's answers; None before there is a final score."""
    final = snapshot(dossier, SnapshotKind.FINAL)
    if final is None:
        return None
    edition = dossier.edition
    spec = referential_spec(edition.referential)
    priorities = list(AgreedPriority.objects.filter(dossier=dossier).select_related("principle"))
    candidates = priority_first(
        weaknesses(spec, final.answers), priority_question_codes(spec, priorities)
    )
    items = {c.code: _item(c) for c in candidates}
    components = {
        name: Decimal(str(value))
        for name, value in final.components.items()
        if name != "questionnaire"
    }
    result = what_if(
        spec,
        final.answers,
        components=components,
        weights=edition.component_weights(),
        threshold=edition.label_threshold,
        floor=edition.principle_floor,
    )
    titles = {p.code: p.title for p in spec.principles}
    percents = result.now.questionnaire.by_principle
    groups = [
        (titles.get(code, {}), _rounded(percents.get(code)), [items[c.code] for c in group])
        for code, group in by_principle(candidates)
    ]
    return Draft(
        dossier=dossier,
        spec=spec,
        answers=final.answers,
        items=list(items.values()),
        groups=groups,
        what_if=result,
        components=components,
        threshold=edition.label_threshold,
        floor=edition.principle_floor,
        priorities=priorities,
    )


def _rounded(value) -> float | None:
    return None if value is None else rounded(value)


# --- the logical framework ----------------------------------------------------------------


@dataclass
class Row:
    """One row of the matrix: its item, its indicators and its assumptions or risks."""

    item: object
    indicators: list[Indicator] = field(default_factory=list)
    assumptions: list[Assumption] = field(default_factory=list)

    @property
    def pk(self):
        return self.item.pk


@dataclass
class ActivityRow(Row):
    @property
    def duration(self) -> int:
        """Days, both ends included."""
        return (self.item.ends_on - self.item.starts_on).days + 1


@dataclass
class Logframe:
    plan: ActionPlan
    overall: Row
    objectives: list[Row]
    results: list[Row]
    activities: list[ActivityRow]
    activity_assumptions: list[Assumption]

    @property
    def budget(self) -> Decimal:
        return sum((row.item.budget for row in self.activities), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((row.item.spent for row in self.activities), Decimal(0))

    def rows(self) -> list[tuple[str, str, object]]:
        """(value, level, item) of every row an indicator or an assumption may hang on."""
        rows = [(Level.OVERALL.value, Level.OVERALL, self.plan)]
        for level, group in (
            (Level.SPECIFIC, self.objectives),
            (Level.RESULT, self.results),
            (Level.ACTIVITY, self.activities),
        ):
            rows += [(f"{level.value}:{row.pk}", level, row.item) for row in group]
        return rows


def _row_key(item: Indicator | Assumption) -> tuple[str, int | None]:
    fields = {Level.SPECIFIC: "objective_id", Level.RESULT: "result_id"}
    fields[Level.ACTIVITY] = "activity_id"
    return (item.level, getattr(item, fields[item.level], None) if item.level in fields else None)


def _by_row(items, rows: dict) -> None:
    """Put each indicator or assumption on its row."""
    for item in items:
        row = rows.get(_row_key(item))
        if row is not None:
            (row.indicators if isinstance(item, Indicator) else row.assumptions).append(item)


def logframe_of(plan: ActionPlan) -> Logframe:
    """The whole matrix in six queries."""
    targets = Prefetch("targets", queryset=ResultTarget.objects.select_related("question"))
    frame = Logframe(
        plan=plan,
        overall=Row(plan),
        objectives=[Row(o) for o in plan.objectives.all()],
        results=[
            Row(r)
            for r in plan.results.select_related("principle", "objective").prefetch_related(targets)
        ],
        activities=[ActivityRow(a) for a in plan.activities.select_related("result")],
        activity_assumptions=[],
    )
    rows: dict = {(Level.OVERALL, None): frame.overall}
    for level, group in (
        (Level.SPECIFIC, frame.objectives),
        (Level.RESULT, frame.results),
        (Level.ACTIVITY, frame.activities),
    ):
        rows.update({(level, row.pk): row for row in group})
    activities = Row(plan)
    rows[(Level.ACTIVITY, None)] = activities
    _by_row(plan.indicators.all(), rows)
    _by_row(plan.assumptions.all(), rows)
    frame.activity_assumptions = activities.assumptions
    return frame


# --- the choices of the logical framework's forms ----------------------------------------


def _short(text: str, size: int = 90) -> str:
    return text if len(text) <= size else f"{text[: size - 1]}…"


def _target_questions(plan: ActionPlan) -> list[tuple[int, str]]:
    """(id, "code — text (+points)") of the questions below their maximum in the final score."""
    dossier = plan.dossier
    final = snapshot(dossier, SnapshotKind.FINAL)
    spec = referential_spec(dossier.edition.referential)
    candidates = weaknesses(spec, final.answers if final else {})
    ids = dict(
        Question.objects.filter(
            referential_id=dossier.edition.referential_id,
            code__in=[c.code for c in candidates],
        ).values_list("code", "pk")
    )
    return [(ids[c.code], _short(f"{c.code} — {translated(c.question.text)}")) for c in candidates]


def form_choices(plan: ActionPlan, kind: str) -> dict:
    """The choices the form of `kind` offers, all from this plan (or its referential)."""
    objectives = [(o.pk, _short(o.text)) for o in plan.objectives.all()]
    results = [(r.pk, _short(r.text)) for r in plan.results.all()]
    choices: dict = {"objectives": objectives, "results": results}
    if kind == "result":
        principles = plan.dossier.edition.referential.principles.all()
        choices["principles"] = [(p.pk, translated(p.title)) for p in principles]
        choices["questions"] = _target_questions(plan)
    if kind in ("indicator", "assumption"):
        if kind == "indicator":
            activities = [(f"activity:{a.pk}", a.title) for a in plan.activities.all()]
        else:
            activities = [("activity", _("All the activities"))]
        groups = [
            (_("Specific objectives"), [(f"specific:{pk}", text) for pk, text in objectives]),
            (_("Expected results"), [(f"result:{pk}", text) for pk, text in results]),
            (_("Activities"), activities),
        ]
        overall = (Level.OVERALL.value, Level.OVERALL.label)
        choices["rows"] = [overall, *[group for group in groups if group[1]]]
    return choices
