"""Writes of the logical framework (الإطار المنطقي): one service per write, each checking the
commune's right to edit, every id against this plan, and the row's own rules."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, Model, QuerySet
from django.utils.translation import gettext as _

from citizenlabel.referential.models import Principle, Question
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.selectors import snapshot

from .. import rules as plan_rules
from ..enums import Level
from ..models import (
    ActionPlan,
    Activity,
    Assumption,
    ExpectedResult,
    Indicator,
    ResultTarget,
    SpecificObjective,
)
from ..planning import weaknesses
from .plan import check_period

# The foreign key of the row each level's indicators and assumptions hang on.
ROW_FIELDS = {Level.SPECIFIC: "objective", Level.RESULT: "result", Level.ACTIVITY: "activity"}


def edit_refused_message() -> str:
    return _(
        "Only the commune edits its action plan, while the dossier is in “action plan”. "
        "Nothing was changed."
    )


def _check_can_edit(plan: ActionPlan, by) -> None:
    if not plan_rules.can_edit_plan(by, plan.dossier):
        raise PermissionDenied(edit_refused_message())


def _of_plan(rows: QuerySet, pk: int | None, what: str) -> Model:
    """The row `pk` among this plan's `rows`; a forged id (another plan's) is refused."""
    found = rows.filter(pk=pk).first() if pk is not None else None
    if found is None:
        message = _("%(what)s no. %(id)s is not part of this action plan: nothing was changed.")
        raise ValidationError(message % {"what": what, "id": pk})
    return found


def _next_position(rows: QuerySet) -> int:
    return (rows.aggregate(last=Max("position"))["last"] or 0) + 1


def _save(instance: Model, by, *, exclude: Sequence[str] = ()) -> Model:
    instance.full_clean(exclude=["plan", *exclude])
    instance._history_user = by
    instance.save()
    return instance


@transaction.atomic
def update_action_plan(
    *, plan: ActionPlan, overall_objective: str, starts_on: date, ends_on: date, by
) -> ActionPlan:
    """The overall objective and the plan's period."""
    _check_can_edit(plan, by)
    check_period(starts_on, ends_on)
    plan.overall_objective = overall_objective.strip()
    plan.starts_on, plan.ends_on = starts_on, ends_on
    return _save(plan, by, exclude=["dossier", "opened_by"])


@transaction.atomic
def save_specific_objective(
    *, plan: ActionPlan, objective_id: int | None, text: str, by
) -> SpecificObjective:
    _check_can_edit(plan, by)
    if objective_id is None:
        objective = SpecificObjective(plan=plan, position=_next_position(plan.objectives))
    else:
        objective = _of_plan(plan.objectives, objective_id, _("Specific objective"))
    objective.text = text.strip()
    return _save(objective, by)


def _delete_indicators(rows: QuerySet, by) -> None:
    """One by one, so that the history records who deleted each."""
    for indicator in rows:
        indicator._history_user = by
        indicator.delete()


@transaction.atomic
def delete_specific_objective(*, plan: ActionPlan, objective_id: int, by) -> None:
    """Its indicators and assumptions go with it; its results stay, without an objective."""
    _check_can_edit(plan, by)
    objective = _of_plan(plan.objectives, objective_id, _("Specific objective"))
    _delete_indicators(objective.indicators.all(), by)
    objective.delete()


def _targets(plan: ActionPlan, question_ids: Sequence[int]) -> dict[int, tuple[str, ...]]:
    """{question id: the options to reach} — only the dossier's referential's questions that
    are below their maximum in the final score."""
    referential = plan.dossier.edition.referential
    questions = dict(
        Question.objects.filter(referential=referential, pk__in=question_ids).values_list(
            "pk", "code"
        )
    )
    if unknown := sorted(set(question_ids) - set(questions)):
        message = _("Question no. %(ids)s is not a question of this dossier's referential.")
        raise ValidationError(message % {"ids": ", ".join(map(str, unknown))})
    final = snapshot(plan.dossier, SnapshotKind.FINAL)
    answers = final.answers if final else {}
    best = {c.code: c.best.options for c in weaknesses(referential_spec(referential), answers)}
    if full := sorted(code for code in questions.values() if code not in best):
        message = _("Question %(codes)s is already at its maximum: the plan cannot raise it.")
        raise ValidationError(message % {"codes": ", ".join(full)})
    return {pk: best[code] for pk, code in questions.items()}


def _set_targets(result: ExpectedResult, targets: dict[int, tuple[str, ...]]) -> None:
    """Keep the targets still chosen (their options included), add the new ones."""
    result.targets.exclude(question_id__in=targets).delete()
    kept = set(result.targets.values_list("question_id", flat=True))
    ResultTarget.objects.bulk_create(
        ResultTarget(result=result, question_id=pk, options=list(options))
        for pk, options in targets.items()
        if pk not in kept
    )


@transaction.atomic
def save_expected_result(
    *,
    plan: ActionPlan,
    result_id: int | None,
    text: str,
    principle_id: int,
    objective_id: int | None,
    question_ids: Sequence[int],
    by,
) -> ExpectedResult:
    """An expected result with its principle, its specific objective and its target questions."""
    _check_can_edit(plan, by)
    if result_id is None:
        result = ExpectedResult(plan=plan, position=_next_position(plan.results))
    else:
        result = _of_plan(plan.results, result_id, _("Expected result"))
    principles = Principle.objects.filter(referential_id=plan.dossier.edition.referential_id)
    result.principle = _of_plan(principles, principle_id, _("Principle"))
    result.objective = (
        None
        if objective_id is None
        else _of_plan(plan.objectives, objective_id, _("Specific objective"))
    )
    result.text = text.strip()
    targets = _targets(plan, question_ids)
    _save(result, by, exclude=["principle", "objective"])
    _set_targets(result, targets)
    return result


@transaction.atomic
def delete_expected_result(*, plan: ActionPlan, result_id: int, by) -> None:
    """Its targets, indicators and assumptions go with it; its activities stay, unlinked."""
    _check_can_edit(plan, by)
    result = _of_plan(plan.results, result_id, _("Expected result"))
    _delete_indicators(result.indicators.all(), by)
    result.delete()


def _check_activity(*, starts_on: date, ends_on: date, percent_done: int, spent: Decimal) -> None:
    check_period(starts_on, ends_on)
    if not 0 <= percent_done <= 100:
        message = _("The percentage done must be between 0 and 100, not %(value)s.")
        raise ValidationError({"percent_done": message % {"value": percent_done}})
    if spent < 0:
        raise ValidationError({"spent": _("The budget used cannot be negative.")})


@transaction.atomic
def save_activity(
    *,
    plan: ActionPlan,
    activity_id: int | None,
    result_id: int | None,
    title: str,
    starts_on: date,
    ends_on: date,
    responsible: str,
    partners: str = "",
    means: str = "",
    budget: Decimal = Decimal(0),
    spent: Decimal = Decimal(0),
    status: str,
    percent_done: int = 0,
    by,
) -> Activity:
    """An activity: its dates, who leads it with whom, its means, budget and progress."""
    _check_can_edit(plan, by)
    _check_activity(starts_on=starts_on, ends_on=ends_on, percent_done=percent_done, spent=spent)
    if activity_id is None:
        activity = Activity(plan=plan, position=_next_position(plan.activities))
    else:
        activity = _of_plan(plan.activities, activity_id, _("Activity"))
    activity.result = (
        None if result_id is None else _of_plan(plan.results, result_id, _("Expected result"))
    )
    for name, value in {
        "title": title.strip(),
        "starts_on": starts_on,
        "ends_on": ends_on,
        "responsible": responsible.strip(),
        "partners": partners.strip(),
        "means": means.strip(),
        "budget": budget,
        "spent": spent,
        "status": status,
        "percent_done": percent_done,
    }.items():
        setattr(activity, name, value)
    return _save(activity, by, exclude=["result"])


@transaction.atomic
def delete_activity(*, plan: ActionPlan, activity_id: int, by) -> None:
    """Its indicators (and their measurements) go with it."""
    _check_can_edit(plan, by)
    activity = _of_plan(plan.activities, activity_id, _("Activity"))
    _delete_indicators(activity.indicators.all(), by)
    activity._history_user = by
    activity.delete()


def _attach(row: Indicator | Assumption, plan: ActionPlan, level: str, row_id: int | None):
    """Hang the indicator or assumption on one row of its level (none for the overall
    objective; an assumption of the activities is about all of them)."""
    if level not in Level.values:
        raise ValidationError({"level": _("Choose a level of the logical framework.")})
    row.level = level
    for field in ROW_FIELDS.values():
        if hasattr(type(row), field):
            setattr(row, field, None)
    if level == Level.OVERALL or (level == Level.ACTIVITY and isinstance(row, Assumption)):
        return
    if row_id is None:
        raise ValidationError(_("Choose the row of the logical framework it belongs to."))
    rows, what = {
        Level.SPECIFIC: (plan.objectives, _("Specific objective")),
        Level.RESULT: (plan.results, _("Expected result")),
        Level.ACTIVITY: (plan.activities, _("Activity")),
    }[level]
    setattr(row, ROW_FIELDS[level], _of_plan(rows, row_id, what))


@transaction.atomic
def save_indicator(
    *,
    plan: ActionPlan,
    indicator_id: int | None,
    level: str,
    row_id: int | None,
    name: str,
    baseline: Decimal,
    target: Decimal,
    unit: str,
    source: str,
    frequency: str,
    by,
) -> Indicator:
    """An indicator of one row: a target equal to its baseline measures no change: refused."""
    _check_can_edit(plan, by)
    if target == baseline:
        message = _("The target (%(target)s) equals the baseline: an indicator measures a change.")
        raise ValidationError({"target": message % {"target": target}})
    if indicator_id is None:
        indicator = Indicator(plan=plan)
    else:
        indicator = _of_plan(plan.indicators, indicator_id, _("Indicator"))
    _attach(indicator, plan, level, row_id)
    indicator.name, indicator.unit, indicator.source = name.strip(), unit.strip(), source.strip()
    indicator.baseline, indicator.target, indicator.frequency = baseline, target, frequency
    return _save(indicator, by, exclude=["objective", "result", "activity"])


@transaction.atomic
def delete_indicator(*, plan: ActionPlan, indicator_id: int, by) -> None:
    """Its measurements go with it."""
    _check_can_edit(plan, by)
    _delete_indicators([_of_plan(plan.indicators, indicator_id, _("Indicator"))], by)


@transaction.atomic
def save_assumption(
    *, plan: ActionPlan, assumption_id: int | None, level: str, row_id: int | None, text: str, by
) -> Assumption:
    """An assumption or risk of one row (activities' ones are about all the activities)."""
    _check_can_edit(plan, by)
    if assumption_id is None:
        assumption = Assumption(plan=plan)
    else:
        assumption = _of_plan(plan.assumptions, assumption_id, _("Assumption"))
    _attach(assumption, plan, level, row_id)
    assumption.text = text.strip()
    return _save(assumption, by, exclude=["objective", "result"])


@transaction.atomic
def delete_assumption(*, plan: ActionPlan, assumption_id: int, by) -> None:
    _check_can_edit(plan, by)
    _of_plan(plan.assumptions, assumption_id, _("Assumption")).delete()
