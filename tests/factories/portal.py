"""Published results, labels and scores as the public portal reads them."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from citizenlabel.accreditation.models import AgendaItem, Decision, DeliberationSession, Label
from citizenlabel.dossiers.models import Dossier, Submission
from citizenlabel.verification.models import DiagnosisPoint, ScoreSnapshot
from tests.factories.accreditation import granted_label
from tests.factories.dossiers import DossierFactory, EditionFactory, GoodPracticeFactory
from tests.factories.people import UserFactory
from tests.factories.territory import CommuneFactory

PRINCIPLES = ("PART", "EQUAL", "COOP", "EFFIC", "TRANSP", "SUST", "INNOV")


FIELDS = ("F1", "F2", "F3", "F4", "F5")


def score_snapshot(dossier: Dossier, kind: str, value: float) -> ScoreSnapshot:
    return ScoreSnapshot.objects.create(
        dossier=dossier,
        kind=kind,
        overall=value,
        questionnaire=value,
        points=value,
        maximum=100,
        by_field=dict.fromkeys(FIELDS, value),
        by_principle=dict.fromkeys(PRINCIPLES, value),
        referential_code="LCC",
        referential_version=dossier.edition.referential.version,
        created_by=UserFactory(),
    )


def label_for(dossier: Dossier, *, status: str = "active") -> Label:
    """A label written directly (the committee's decision is not what these pages test)."""
    by = UserFactory()
    on = timezone.localdate()
    session = DeliberationSession.objects.create(
        edition=dossier.edition, date=on, place="الرباط", quorum=1, convened_by=by
    )
    item = AgendaItem.objects.create(session=session, dossier=dossier)
    decision = Decision.objects.create(item=item, outcome="label", decided_by=by)
    return Label.objects.create(
        dossier=dossier,
        commune=dossier.commune,
        edition=dossier.edition,
        decision=decision,
        granted_on=on,
        valid_until=on + timedelta(days=730),
        status=status,
    )


def labelled_commune(name=None, *, edition=None, province=None, status="active", score=76.0):
    """A commune labelled in an edition: published dossier, final score, strength, practice."""
    commune = CommuneFactory(
        name=name or {"ar": "الحسيمة", "fr": "Al Hoceïma"},
        **({"province": province} if province else {}),
    )
    dossier = DossierFactory(
        commune=commune,
        edition=edition or EditionFactory(),
        state="labelled",
        results_published_at=timezone.now(),
    )
    score_snapshot(dossier, "final", score)
    principle = dossier.edition.referential.principles.first()
    DiagnosisPoint.objects.create(
        dossier=dossier, principle=principle, kind="strength", text="ميزانية تشاركية مفتوحة"
    )
    GoodPracticeFactory(dossier=dossier, title="منصة العرائض الرقمية", may_publish=True)
    label_for(dossier, status=status)
    return commune


def open_data_snapshot(dossier, *, kind="final", overall="71.25", seed=0) -> ScoreSnapshot:
    ref = dossier.edition.referential
    return ScoreSnapshot.objects.create(
        dossier=dossier,
        kind=kind,
        overall=Decimal(overall),
        questionnaire=Decimal(overall),
        points=1,
        maximum=2,
        by_principle={code: round(10 + seed + i * 7.3333, 3) for i, code in enumerate(PRINCIPLES)},
        by_field={code: 50 + seed + i / 3 for i, code in enumerate(FIELDS[:-1])},
        referential_code=ref.code,
        referential_version=ref.version,
        created_by=UserFactory(),
    )


def published(*, state="verified", overall="71.25", seed=0, **kwargs):
    dossier = DossierFactory(state=state, results_published_at=timezone.now(), **kwargs)
    open_data_snapshot(dossier, overall=overall, seed=seed)
    return dossier


def labelled(**kwargs):
    label = granted_label(**kwargs)
    label.dossier.results_published_at = timezone.now()
    label.dossier.save(update_fields=["results_published_at"])
    open_data_snapshot(label.dossier, overall="88.88", seed=3)
    return label


def scored_dossier(edition, *, state="labelled", publish=True, commune=None, **scores):
    """A dossier with its final snapshot (and a declared submission), written directly."""
    author = UserFactory()
    dossier = DossierFactory(
        edition=edition,
        commune=commune or CommuneFactory(),
        state=state,
        results_published_at=timezone.now() if publish else None,
    )
    principle = scores.get("principle", {"PART": 61.5, "EQUAL": 40.0})
    ScoreSnapshot.objects.create(
        dossier=dossier,
        kind=scores.get("kind", "final"),
        overall=scores.get("overall", 55.5),
        questionnaire=scores.get("overall", 55.5),
        points=3,
        maximum=6,
        by_principle=principle,
        by_field={"F1": 50.0},
        answers={"1.1.1": ["a"], "1.1.2": ["b"]},
        referential_code="LCC",
        referential_version="2022",
        created_by=author,
    )
    Submission.objects.create(
        dossier=dossier,
        submitted_by=author,
        referential_code="LCC",
        referential_version="2022",
        answers={},
        scores={"overall": 87.25, "by_principle": {"PART": 93.75, "EQUAL": 81.25}},
        overall=87.25,
    )
    return dossier
