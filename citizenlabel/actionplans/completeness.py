"""What the plan's evaluation still lacks before its updated score can be recorded: the
evaluation saved and every answer the plan targeted re-verified (or marked "could not be
verified" with its reason). The service refuses with this list; the page shows it, each
item with the link that fixes it."""

from django.urls import reverse
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Question
from citizenlabel.verification.completeness import Missing
from citizenlabel.verification.enums import Round
from citizenlabel.verification.models import VerifiedAnswer

from .models import PlanEvaluation
from .selectors_evaluation import EvaluationPage, targeted_question_ids


def _missing(dossier: Dossier, *, evaluated: bool, waiting: list[tuple[int, str]]) -> list[Missing]:
    url = reverse("actionplans:evaluation", args=[dossier.pk])
    items = []
    if not evaluated:
        items.append(Missing(_("The evaluation of the plan is not saved."), f"{url}#evaluation"))
    message = _(
        'Question %(code)s, targeted by the plan: neither re-verified nor marked "could not be '
        'verified".'
    )
    items += [Missing(message % {"code": code}, f"{url}#rv-{pk}") for pk, code in waiting]
    return items


def updated_score_missing(dossier: Dossier) -> list[Missing]:
    """Everything the evaluation lacks before the updated score; empty when it is finished."""
    reverified = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.REVERIFICATION)
    done = set(reverified.values_list("question_id", flat=True))
    ids = [pk for pk in targeted_question_ids(dossier) if pk not in done]
    return _missing(
        dossier,
        evaluated=PlanEvaluation.objects.filter(plan__dossier=dossier).exists(),
        waiting=list(Question.objects.filter(pk__in=ids).values_list("pk", "code")),
    )


def missing_on_page(dossier: Dossier, page: EvaluationPage) -> list[Missing]:
    """The same list, read from what the evaluation page already holds (no extra query)."""
    waiting = [(r.question.pk, r.question.code) for r in page.reverification if not r.reverified]
    return _missing(dossier, evaluated=page.evaluation is not None, waiting=waiting)
