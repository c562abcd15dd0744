"""The three visit components scored on their written rubrics (see rubrics.py)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier

from .. import rubrics
from ..enums import Component
from ..models import ComponentScore
from .verify import check_can_verify


def unknown_component(component: object) -> ValidationError:
    message = _('Unknown component "%(component)s": nothing was changed.')
    return ValidationError(message % {"component": component})


def _rubric_level(component: str, level: int) -> rubrics.Level:
    if component not in Component.values:
        raise unknown_component(component)
    try:
        return rubrics.level(component, level)
    except ValueError:
        message = _(
            "Level %(level)s is not on the rubric of “%(component)s”: choose one of its "
            "%(count)s written levels. Nothing was changed."
        )
        params = {
            "level": level,
            "component": Component(component).label,
            "count": len(rubrics.RUBRICS[component]),
        }
        raise ValidationError(message % params) from None


@transaction.atomic
def score_component(
    *, dossier: Dossier, component: str, level: int, justification: str, by
) -> ComponentScore:
    """Score one component on its rubric: the score is the level's, never typed by hand;
    the history keeps the previous level and score."""
    check_can_verify(by, dossier)
    chosen = _rubric_level(component, level)
    justification = justification.strip()
    if not justification:
        raise ValidationError(_("Justify the level with what the team observed."))
    scored = (
        ComponentScore.objects.select_for_update()
        .filter(dossier=dossier, component=component)
        .first()
    ) or ComponentScore(dossier=dossier, component=component)
    scored.level, scored.score = chosen.value, chosen.score
    scored.justification, scored.scored_by = justification, by
    scored._history_user = by
    scored.full_clean(validate_unique=False, validate_constraints=False)  # locked above
    scored.save()
    return scored
