"""Opening the action plan from the draft: the dossier moves to `action_plan` and each
selected weakness becomes an expected result with its target."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.formats import date_format
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from citizenlabel.common.texts import text_in
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.services.transitions import transition_dossier
from citizenlabel.referential.models import Question
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.selectors import snapshot

from .. import rules as plan_rules
from ..models import ActionPlan, ExpectedResult, ResultTarget
from ..planning import Candidate, Reach, weaknesses


@dataclass(frozen=True)
class Selection:
    """A ticked candidate: the question and the answer the plan should reach."""

    question: str
    options: tuple[str, ...]


def not_open_message() -> str:
    return _(
        "The action plan cannot be opened now: it opens once the dossier is verified with an "
        "action plan proposed, by the commune or its technical team, and only once. "
        "Nothing was changed."
    )


def check_period(starts_on: date, ends_on: date) -> None:
    if ends_on < starts_on:
        message = _("The end (%(end)s) is before the start (%(start)s).")
        values = {"end": date_format(ends_on), "start": date_format(starts_on)}
        raise ValidationError({"ends_on": message % values})


def _checked(candidates: dict[str, Candidate], selections: Sequence[Selection]) -> list:
    """(candidate, reach) of each selection; a forged or repeated one is refused."""
    checked, seen = [], set()
    for selection in selections:
        candidate = candidates.get(selection.question)
        reach = candidate.reach(selection.options) if candidate else None
        if reach is None or selection.question in seen:
            message = _("“%(options)s” of question %(code)s is not a proposed improvement.")
            options = ", ".join(selection.options)
            raise ValidationError(message % {"options": options, "code": selection.question})
        seen.add(selection.question)
        checked.append((candidate, reach))
    return checked


def result_text(candidate: Candidate, reach: Reach, language: str) -> str:
    """“Reach option X of question 3.1.4”, in the user's language."""
    question = candidate.question
    texts = [text_in(question.option(code).text, language) for code in reach.added]
    values = {
        "code": question.code,
        "question": text_in(question.text, language),
        "options": pgettext("between options", "; ").join(texts),
    }
    if question.kind == "single":
        return _("Reach the option “%(options)s” of question %(code)s: %(question)s") % values
    return _("Add the options “%(options)s” to question %(code)s: %(question)s") % values


def _create_results(plan: ActionPlan, checked: list) -> None:
    codes = [candidate.code for candidate, _reach in checked]
    questions = {
        q.code: q
        for q in Question.objects.filter(
            referential_id=plan.dossier.edition.referential_id, code__in=codes
        ).select_related("principle")
    }
    language = (get_language() or "ar")[:2]
    for position, (candidate, reach) in enumerate(checked, start=1):
        question = questions[candidate.code]
        result = ExpectedResult(
            plan=plan,
            text=result_text(candidate, reach, language),
            principle=question.principle,
            position=position,
        )
        result.full_clean(exclude=["plan", "principle"])
        result.save()
        ResultTarget.objects.create(result=result, question=question, options=list(reach.options))


@transaction.atomic
def open_action_plan(
    *,
    dossier: Dossier,
    overall_objective: str,
    starts_on: date,
    ends_on: date,
    selections: Sequence[Selection],
    by,
) -> ActionPlan:
    """Open the plan once: the verified dossier moves to `action_plan`; each selection becomes
    an expected result of its principle, with its target question and options."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not plan_rules.can_open_plan(by, locked):
        raise PermissionDenied(not_open_message())
    check_period(starts_on, ends_on)
    final = snapshot(dossier, SnapshotKind.FINAL)
    if final is None:
        raise ValidationError(_("The dossier has no final score yet: nothing was changed."))
    spec = referential_spec(dossier.edition.referential)
    candidates = {c.code: c for c in weaknesses(spec, final.answers)}
    checked = _checked(candidates, selections)
    if locked.state == DossierState.VERIFIED:
        transition_dossier(dossier, to=DossierState.ACTION_PLAN, by=by)
    plan = ActionPlan(
        dossier=dossier,
        overall_objective=overall_objective.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        opened_by=by,
    )
    plan.full_clean(exclude=["dossier", "opened_by"])
    plan._history_user = by
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as twice:
        raise ValidationError(_("This dossier already has its action plan.")) from twice
    _create_results(plan, checked)
    return plan
