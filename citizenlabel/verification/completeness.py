"""What a verification still lacks before its final score can be recorded: every answer
verified (or marked "could not be verified" with its reason), the three components scored
and the participatory diagnosis recorded. The service refuses with this list; the final
score page shows it, each item with the link that fixes it."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from citizenlabel.dossiers.models import Dossier
from citizenlabel.referential.models import Question

from .enums import Component, Round
from .models import (
    AgreedPriority,
    ComponentScore,
    DiagnosisParticipant,
    DiagnosisPoint,
    VerifiedAnswer,
)

CODES_SHOWN = 10  # beyond this a field's item says "and N more"


@dataclass(frozen=True)
class Missing:
    """One thing still to do, and where to do it."""

    message: str
    url: str


def _codes(codes: list[str]) -> str:
    shown = ", ".join(codes[:CODES_SHOWN])
    if len(codes) <= CODES_SHOWN:
        return shown
    more = len(codes) - CODES_SHOWN
    return ngettext("%(codes)s and %(more)s more", "%(codes)s and %(more)s more", more) % {
        "codes": shown,
        "more": more,
    }


def unverified_answers(dossier: Dossier) -> list[Missing]:
    """One item per field that has answers neither verified nor marked, linked to the
    first of them on the verification screen."""
    visit = VerifiedAnswer.objects.filter(dossier=dossier, round=Round.VISIT)
    done = set(visit.values_list("question_id", flat=True))
    by_field: dict[str, list[tuple[int, str]]] = {}
    questions = Question.objects.filter(referential_id=dossier.edition.referential_id)
    for pk, code, field_code in questions.values_list("pk", "code", "field__code"):
        if pk not in done:
            by_field.setdefault(field_code, []).append((pk, code))
    items = []
    for field_code, rows in by_field.items():
        message = ngettext(
            "Field %(field)s: %(count)s answer is neither verified nor marked "
            '"could not be verified" (%(codes)s).',
            "Field %(field)s: %(count)s answers are neither verified nor marked "
            '"could not be verified" (%(codes)s).',
            len(rows),
        ) % {"field": field_code, "count": len(rows), "codes": _codes([c for _pk, c in rows])}
        url = reverse("verification:verify", args=[dossier.pk, field_code])
        items.append(Missing(message, f"{url}#vq-{rows[0][0]}"))
    return items


def unscored_components(dossier: Dossier) -> list[Missing]:
    scored = set(ComponentScore.objects.filter(dossier=dossier).values_list("component", flat=True))
    url = reverse("verification:components", args=[dossier.pk])
    return [
        Missing(
            _("Component not scored: %(component)s.") % {"component": component.label},
            f"{url}#component-{component.value}",
        )
        for component in Component
        if component.value not in scored
    ]


def diagnosis_gaps(dossier: Dossier) -> list[Missing]:
    """The diagnosis is recorded once it has findings, participants and agreed priorities."""
    url = reverse("verification:diagnosis", args=[dossier.pk])
    parts = (
        (DiagnosisPoint, "points", _("Participatory diagnosis: no strength or weakness recorded.")),
        (
            DiagnosisParticipant,
            "participants",
            _("Participatory diagnosis: no participant recorded."),
        ),
        (
            AgreedPriority,
            "priorities",
            _("Participatory diagnosis: no priority agreed with the commune."),
        ),
    )
    return [
        Missing(message, f"{url}#{anchor}")
        for model, anchor, message in parts
        if not model.objects.filter(dossier=dossier).exists()
    ]


def final_score_missing(dossier: Dossier) -> list[Missing]:
    """Everything the verification lacks before its final score; empty when it is finished."""
    return [*unverified_answers(dossier), *unscored_components(dossier), *diagnosis_gaps(dossier)]
