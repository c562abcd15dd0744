"""The provisional and final scores, each an immutable snapshot."""

from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.services.transitions import transition_dossier
from citizenlabel.referential.scoring import ScoreResult, final_score
from citizenlabel.referential.selectors import referential_spec

from .. import rules as verification_rules
from ..completeness import final_score_missing
from ..enums import SnapshotKind
from ..models import ComponentScore, ScoreSnapshot
from ..selectors import provisional_answers, score_of, verified_answers


def _decimal(value: Fraction | None) -> Decimal | None:
    return None if value is None else Decimal(value.numerator) / Decimal(value.denominator)


def _as_percent_map(values: dict[str, Fraction]) -> dict[str, float]:
    return {code: round(float(value), 2) for code, value in values.items()}


def store_snapshot(
    dossier, kind, result: ScoreResult, answers, *, overall, components, by, note=""
) -> ScoreSnapshot:
    """Write a score snapshot; a second provisional or final score is refused."""
    referential = dossier.edition.referential
    try:
        with transaction.atomic():
            return ScoreSnapshot.objects.create(
                dossier=dossier,
                kind=kind,
                overall=None if overall is None else round(_decimal(overall), 2),
                questionnaire=None
                if result.overall is None
                else round(_decimal(result.overall), 2),
                points=_decimal(result.points),
                maximum=_decimal(result.maximum),
                by_field=_as_percent_map(result.by_field),
                by_principle=_as_percent_map(result.by_principle),
                components={k: float(v) for k, v in components.items()},
                weights={k: float(v) for k, v in dossier.edition.component_weights().items()},
                answers=answers,
                referential_code=referential.code,
                referential_version=referential.version,
                created_by=by,
                note=note,
            )
    except IntegrityError as duplicate:
        message = _("This dossier already has its %(kind)s.") % {"kind": SnapshotKind(kind).label}
        raise ValidationError(message) from duplicate


@transaction.atomic
def record_provisional_score(*, dossier: Dossier, by) -> ScoreSnapshot:
    """The coordination's score of the submitted file: unsupported answers count 0."""
    if not verification_rules.can_record_provisional_score(by, dossier):
        raise PermissionDenied
    spec = referential_spec(dossier.edition.referential)
    answers = provisional_answers(dossier)
    result = score_of(spec, answers)
    stored = store_snapshot(
        dossier,
        SnapshotKind.PROVISIONAL,
        result,
        answers,
        overall=result.overall,
        components={},
        by=by,
    )
    transition_dossier(dossier, to=DossierState.PROVISIONALLY_SCORED, by=by)
    return stored


@transaction.atomic
def record_final_score(*, dossier: Dossier, by) -> ScoreSnapshot:
    """The verified questionnaire and the three components, weighted by the edition;
    refused, with what is missing, until the verification is finished."""
    if not verification_rules.can_record_final_score(by, dossier):
        raise PermissionDenied
    if missing := final_score_missing(dossier):
        raise ValidationError([item.message for item in missing])
    spec = referential_spec(dossier.edition.referential)
    answers = verified_answers(dossier)
    result = score_of(spec, answers)
    components = {c.component: c.score for c in ComponentScore.objects.filter(dossier=dossier)}
    components["questionnaire"] = _decimal(result.overall or Fraction(0))
    overall = final_score(components, dossier.edition.component_weights())
    stored = store_snapshot(
        dossier, SnapshotKind.FINAL, result, answers, overall=overall, components=components, by=by
    )
    transition_dossier(dossier, to=DossierState.VERIFIED, by=by)
    return stored
