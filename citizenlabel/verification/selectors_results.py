"""Reads of the verification results: the four components, the final score as it was
recorded, the self-assessment accuracy (declared against verified) and the edition's rules
evaluated on the final score. Each read costs a fixed number of queries."""

from dataclasses import dataclass, replace
from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _

from citizenlabel.common.charts import BarRow, RadarSeries, bar_chart, radar_chart
from citizenlabel.common.charts._svg import ACCENT, GREEN
from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Dossier, Submission
from citizenlabel.referential.scoring import QuestionScore, ScoreResult
from citizenlabel.referential.spec import QuestionSpec, ReferentialSpec

from .enums import Component, SnapshotKind
from .evaluation import RulesVerdict, evaluate_rules
from .models import ComponentScore, ScoreSnapshot
from .rubrics import Level, level
from .selectors import score_of, verified_answers

QUESTIONNAIRE = "questionnaire"


@dataclass(frozen=True)
class ComponentRow:
    """One component of the final score; `score` is None while it is not scored."""

    code: str
    label: str
    weight: float
    share: float  # the weight over the sum of the weights, 0..1
    score: float | None
    level: Level | None = None
    scored: ComponentScore | None = None

    @property
    def computed(self) -> bool:
        return self.code == QUESTIONNAIRE

    @property
    def weight_percent(self) -> float:
        return round(self.share * 100, 2)

    @property
    def weighted(self) -> float | None:
        """What the component brings to the final score, in points out of 100."""
        return None if self.score is None else round(self.score * self.share, 2)


def component_rows(
    dossier: Dossier, questionnaire: float | None, final: ScoreSnapshot | None
) -> list[ComponentRow]:
    """The questionnaire and the three rubric components, with the weights that apply:
    the snapshot's once the final score is recorded, else the edition's."""
    scored = {
        c.component: c
        for c in ComponentScore.objects.filter(dossier=dossier).select_related("scored_by")
    }
    if final is not None:
        weights = {k: float(v) for k, v in final.weights.items()}
        scores = {k: float(v) for k, v in final.components.items()}
    else:
        weights = {k: float(v) for k, v in dossier.edition.component_weights().items()}
        scores = {code: float(c.score) for code, c in scored.items()}
        scores[QUESTIONNAIRE] = questionnaire
    total = sum(weights.values()) or 1.0
    rows = [_row(QUESTIONNAIRE, _("Verified questionnaire"), weights, total, scores)]
    for component in Component:
        row = _row(component.value, str(component.label), weights, total, scores)
        if (found := scored.get(component.value)) is not None:
            row = replace(row, level=_level(component, found.level), scored=found)
        rows.append(row)
    return rows


def _row(code: str, label: str, weights: dict, total: float, scores: dict) -> ComponentRow:
    weight = weights.get(code, 0.0)
    return ComponentRow(code, label, weight, weight / total, scores.get(code))


def _level(component: str, value: int) -> Level | None:
    try:
        return level(component, value)
    except ValueError:
        return None


# --- the self-assessment accuracy ------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    """Declared against verified, in percent of the maximum (None: no maximum)."""

    code: str
    title: dict
    declared: float | None
    verified: float | None

    @property
    def gap(self) -> float | None:
        if self.declared is None or self.verified is None:
            return None
        return round(self.verified - self.declared, 2)


@dataclass(frozen=True)
class Accuracy:
    overall: GapRow  # the declared score against the verified questionnaire
    principles: list[GapRow]
    questions: list[GapRow]
    submission: Submission | None

    @property
    def changed(self) -> list[GapRow]:
        return [row for row in self.questions if row.gap]

    @property
    def unchanged_count(self) -> int:
        return len(self.questions) - len(self.changed)


def _question_percent(score: QuestionScore) -> float | None:
    if score.not_applicable or score.maximum <= 0:
        return None
    return round(float(100 * score.points / score.maximum), 2)


def accuracy(spec: ReferentialSpec, final: ScoreSnapshot, submission: Submission | None):
    """The gap between the declared file (the last submission) and the final snapshot."""
    declared = score_of(spec, submission.answers if submission else {})
    verified = score_of(spec, final.answers)
    declared_by_principle = submission.scores.get("by_principle", {}) if submission else {}
    principles = [
        GapRow(p.code, p.title, declared_by_principle.get(p.code), final.by_principle.get(p.code))
        for p in spec.principles
        if p.code in declared_by_principle or p.code in final.by_principle
    ]
    questions = [
        GapRow(
            q.code,
            q.text,
            _question_percent(declared.questions[q.code]),
            _question_percent(verified.questions[q.code]),
        )
        for _field, q in spec.questions()
    ]
    overall = GapRow(
        "",
        {},
        submission.scores.get("overall") if submission else None,
        None if final.questionnaire is None else float(final.questionnaire),
    )
    return Accuracy(overall, principles, questions, submission)


def accuracy_charts(accuracy: Accuracy, *, language: str, rtl: bool) -> dict:
    """The grouped bars and the radar of declared against verified, by principle."""
    names = [_("Declared"), _("Verified")]
    titles = [translated(row.title, language) for row in accuracy.principles]
    bars = bar_chart(
        [
            BarRow(t, [r.declared, r.verified])
            for t, r in zip(titles, accuracy.principles, strict=True)
        ],
        title=_("Declared and verified score by principle"),
        rtl=rtl,
        series_names=names,
        colors=(GREEN, ACCENT),
    )
    radar = radar_chart(
        titles,
        [
            RadarSeries(names[0], [r.declared for r in accuracy.principles], color=GREEN),
            RadarSeries(names[1], [r.verified for r in accuracy.principles], color=ACCENT),
        ],
        title=_("Self-assessment accuracy by principle"),
        rtl=rtl,
    )
    return {"bars": bars, "radar": radar}


# --- the page as a whole ---------------------------------------------------------------


@dataclass(frozen=True)
class FinalScoreView:
    spec: ReferentialSpec
    final: ScoreSnapshot | None
    components: list[ComponentRow]
    accuracy: Accuracy | None

    @property
    def missing(self) -> list[ComponentRow]:
        return [row for row in self.components if row.score is None]

    @property
    def preview(self) -> float | None:
        """The final score the current components would give (before it is recorded)."""
        if self.missing:
            return None
        return round(sum(row.score * row.share for row in self.components), 2)


def final_snapshot(dossier: Dossier) -> ScoreSnapshot | None:
    return (
        ScoreSnapshot.objects.filter(dossier=dossier, kind=SnapshotKind.FINAL)
        .select_related("created_by")
        .first()
    )


def final_score_view(dossier: Dossier, spec: ReferentialSpec) -> FinalScoreView:
    final = final_snapshot(dossier)
    if final is None:
        result = score_of(spec, verified_answers(dossier))
        questionnaire = None if result.overall is None else float(result.overall)
        return FinalScoreView(spec, None, component_rows(dossier, questionnaire, None), None)
    submission = dossier.submissions.first()
    found = accuracy(spec, final, submission)
    return FinalScoreView(spec, final, component_rows(dossier, None, final), found)


# --- the edition's rules on the final score --------------------------------------------


def final_questionnaire(spec: ReferentialSpec, final: ScoreSnapshot) -> ScoreResult:
    return score_of(spec, final.answers)


def proposal_verdict(dossier: Dossier, spec: ReferentialSpec, final: ScoreSnapshot) -> RulesVerdict:
    """The threshold on the recorded final score; floors and critical questions on the
    questionnaire as it was verified (the snapshot's answers, never the live ones)."""
    edition = dossier.edition
    return evaluate_rules(
        spec=spec,
        questionnaire=final_questionnaire(spec, final),
        score=Fraction(final.overall or Decimal(0)),
        threshold=edition.label_threshold,
        floor=edition.principle_floor,
    )


@dataclass(frozen=True)
class RuleRow:
    kind: str  # threshold | floor | critical
    label: str  # a principle's title, a question's code and text, or empty
    figure: float  # what was found: a score, a principle's percent, a question's points
    required: float  # what the rule asks: the threshold, the floor, the question's maximum
    met: bool
    question: QuestionSpec | None = None


def rule_rows(spec: ReferentialSpec, rules: dict) -> list[RuleRow]:
    """The checklist of an evaluated verdict (RulesVerdict.as_json(), stored or fresh)."""
    principles = {p.code: p.title for p in spec.principles}
    questions = {q.code: q for _field, q in spec.questions()}
    rows = [RuleRow("threshold", "", rules["score"], rules["threshold"], rules["threshold_met"])]
    rows += [
        RuleRow(
            "floor",
            translated(principles.get(f["principle"], {})) or f["principle"],
            f["percent"],
            rules["floor"],
            f["met"],
        )
        for f in rules["floors"]
    ]
    rows += [
        RuleRow(
            "critical",
            c["question"],
            c["points"],
            c["maximum"],
            c["met"],
            questions.get(c["question"]),
        )
        for c in rules["critical"]
    ]
    return rows
