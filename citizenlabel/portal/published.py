"""What the public may see, defined once: every public page, chart and download reads
through these querysets, so unpublished or non-final data can never reach them."""

from django.db.models import Q, QuerySet

from citizenlabel.accreditation.models import Label
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import Dossier, GoodPractice
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.models import DiagnosisPoint, ScoreSnapshot

# States reached only after a final score; before them nothing of a dossier is public.
FINAL_STATES = (
    DossierState.VERIFIED,
    DossierState.ACTION_PLAN,
    DossierState.PLAN_EVALUATED,
    DossierState.LABELLED,
    DossierState.NOT_LABELLED,
    DossierState.WITHDRAWN,
)


def published_dossiers() -> QuerySet[Dossier]:
    """Dossiers whose verification results the coordination published."""
    return Dossier.objects.filter(
        results_published_at__isnull=False, state__in=FINAL_STATES
    ).select_related("commune__province__region", "edition")


def public_snapshots() -> QuerySet[ScoreSnapshot]:
    """Final and updated scores of published dossiers — never declared or provisional ones."""
    return ScoreSnapshot.objects.filter(
        kind__in=(SnapshotKind.FINAL, SnapshotKind.UPDATED),
        dossier__results_published_at__isnull=False,
        dossier__state__in=FINAL_STATES,
    )


def public_labels() -> QuerySet[Label]:
    """Every label granted: the registry shows its current status, whatever it is."""
    return Label.objects.select_related("commune__province__region", "edition")


def public_strengths() -> QuerySet[DiagnosisPoint]:
    return DiagnosisPoint.objects.filter(
        kind="strength",
        dossier__results_published_at__isnull=False,
        dossier__state__in=FINAL_STATES,
    ).select_related("principle")


def public_good_practices() -> QuerySet[GoodPractice]:
    """Good practices the commune agreed to publish, from files it has submitted."""
    submitted = ~Q(
        dossier__state__in=(
            DossierState.DRAFT,
            DossierState.CANDIDACY_SUBMITTED,
            DossierState.ELIGIBLE,
            DossierState.INELIGIBLE,
            DossierState.SELF_ASSESSMENT,
            DossierState.AWAITING_APPROVAL,
        )
    )
    return GoodPractice.objects.filter(submitted, may_publish=True).select_related(
        "principle", "dossier__commune__province__region", "dossier__edition"
    )
