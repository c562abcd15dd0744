"""Editions, dossiers, their answers, clarifications, profile and good practices."""

import datetime
import hashlib
from decimal import Decimal

import factory
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory

from citizenlabel.dossiers.models import (
    BudgetYear,
    Clarification,
    ClarificationMessage,
    DossierFile,
    GoodPractice,
    InstitutionalProfile,
    ParticipatoryBody,
    ServiceDelivery,
    StaffCount,
)
from citizenlabel.dossiers.services.profile import budget_years
from citizenlabel.people.enums import Role
from citizenlabel.referential.models import Principle, Referential
from tests.factories.people import (
    TechnicalTeamFactory,
    UserFactory,
    coordination_member,
    user_with_role,
)
from tests.factories.territory import CommuneFactory

# --- Editions and dossiers -------------------------------------------------------------


def default_referential():
    from citizenlabel.demo.base import ensure_default_referential

    return ensure_default_referential()


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.Edition"

    name = factory.Sequence(lambda n: {"ar": f"النسخة {n}", "fr": f"Édition {n}"})
    referential = factory.LazyFunction(default_referential)
    call_opened_at = factory.LazyFunction(timezone.now)


class DossierFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.Dossier"

    edition = factory.SubFactory(EditionFactory)
    commune = factory.SubFactory(CommuneFactory)
    state = "draft"


def dossier_in_self_assessment(**kwargs):
    """A dossier whose self-assessment is open for three more weeks, with its team."""
    import datetime

    kwargs.setdefault("technical_team", TechnicalTeamFactory())
    kwargs.setdefault("deadline", timezone.localdate() + datetime.timedelta(weeks=3))
    return DossierFactory(state="self_assessment", **kwargs)


def commune_people(dossier):
    """(focal point, president) of the dossier's commune."""
    return (
        user_with_role(Role.FOCAL_POINT, commune=dossier.commune),
        user_with_role(Role.PRESIDENT, commune=dossier.commune),
    )


def question(dossier, code: str = "1.1.1"):
    """The question `code` of the dossier's referential."""
    from citizenlabel.referential.models import Question

    return Question.objects.get(referential=dossier.edition.referential, code=code)


def president_of_another_commune(dossier):
    return commune_people(dossier_in_self_assessment())[1]


def close_by_deadline(dossier):
    """Close the dossier's window by its deadline; returns its focal point."""
    dossier.deadline = timezone.localdate() - datetime.timedelta(days=1)
    dossier.save(update_fields=["deadline"])
    return commune_people(dossier)[0]


def close_by_submission(dossier):
    """Close the dossier's window by submitting it; returns its president."""
    dossier.state = "submitted"
    dossier.save(update_fields=["state"])
    return commune_people(dossier)[1]


def team_member(dossier):
    return user_with_role(Role.TECHNICAL_TEAM, technical_team=dossier.technical_team)


# --- clarifications ---


def clarification(dossier, *, by, subject="طلب توضيح", body="ما المقصود بهذا السؤال؟", **fields):
    """A request of the dossier's commune with its first message (asked through the model,
    without the service's notification)."""

    asked = Clarification.objects.create(dossier=dossier, subject=subject, asked_by=by, **fields)
    ClarificationMessage.objects.create(clarification=asked, author=by, body=body)
    return asked


def other_referential_question():
    """A question of a referential that no edition of the tests uses."""
    from citizenlabel.referential.parsing import parse_referential_yaml
    from citizenlabel.referential.services import load_referential
    from tests.referential.samples import SCORING_YAML

    return load_referential(spec=parse_referential_yaml(SCORING_YAML)).questions.first()


# --- profile and good practices ---

TINY_PDF = b"%PDF-1.4\n%%EOF\n"
PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "source.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    """A PDF as the browser uploads it."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def evidence_file(dossier, code: str, name: str = "محضر.pdf"):
    """A PDF attached as evidence to the answer `code` (stored directly, not through the
    service), uploaded by whoever last saved an answer of the dossier."""
    from citizenlabel.dossiers.models import DossierFile

    stored = DossierFile(
        dossier=dossier,
        purpose=DossierFile.Purpose.EVIDENCE,
        question=question(dossier, code),
        original_name=name,
        content_type="application/pdf",
        size=len(TINY_PDF),
        sha256=hashlib.sha256(TINY_PDF).hexdigest(),
        uploaded_by=dossier.answers.first().updated_by,
    )
    stored.file.save("upload", ContentFile(TINY_PDF), save=False)
    stored.save()
    return stored


class InstitutionalProfileFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.InstitutionalProfile"

    dossier = factory.SubFactory(DossierFactory)
    census_year = 2024
    population = 12000
    population_women = 6100
    area_km2 = "120.50"
    council_seats = 25
    council_women = 7
    council_opposition = 8
    council_under_35 = 3


def complete_profile(dossier, *, bodies: int = 1):
    """A saved profile with its four tables filled (written directly, not through the service)."""
    from citizenlabel.dossiers.models import (
        BudgetYear,
        ParticipatoryBody,
        ServiceDelivery,
        StaffCount,
    )
    from citizenlabel.dossiers.services.profile import budget_years

    profile = InstitutionalProfileFactory(dossier=dossier)
    StaffCount.objects.bulk_create(
        StaffCount(profile=profile, category=category, women=3, men=5)
        for category in StaffCount.Category.values
    )
    BudgetYear.objects.bulk_create(
        BudgetYear(
            profile=profile,
            year=year,
            operating_revenue=1000,
            operating_expenditure=900,
            investment_revenue=500,
            investment_expenditure=400,
        )
        for year in budget_years()
    )
    ServiceDelivery.objects.bulk_create(
        ServiceDelivery(profile=profile, service=service, mode="direct")
        for service in ServiceDelivery.Service.values
    )
    ParticipatoryBody.objects.bulk_create(
        ParticipatoryBody(profile=profile, kind="youth", name=f"مجلس الشباب {n}")
        for n in range(bodies)
    )
    return profile


class GoodPracticeFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.GoodPractice"

    dossier = factory.SubFactory(DossierFactory)
    title = factory.Sequence(lambda n: f"ممارسة جيدة {n}")
    principle = factory.LazyAttribute(lambda o: o.dossier.edition.referential.principles.first())
    description = "ميزانية تشاركية مع جمعيات الأحياء."
    results = "مشاريع مختارة من طرف الساكنة."
    started_on = factory.LazyFunction(lambda: timezone.localdate().replace(month=1, day=1))
    created_by = factory.SubFactory(UserFactory)


def practice_file(practice, *, name: str = "report.pdf", content: bytes = TINY_PDF):
    """A PDF attached to a good practice (stored directly, not through the service)."""
    import hashlib

    from django.core.files.base import ContentFile

    from citizenlabel.dossiers.models import DossierFile

    stored = DossierFile(
        dossier=practice.dossier,
        purpose=DossierFile.Purpose.PRACTICE,
        good_practice=practice,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=practice.created_by,
    )
    stored.file.save("upload", ContentFile(content), save=False)
    stored.save()
    return stored


def thread_url(thread):
    return reverse("dossiers:clarification_detail", args=[thread.dossier_id, thread.pk])


NOT_ACCEPTED = (
    "“notes.txt” is not an accepted file: use PDF, an image (PNG, JPEG) or an office document."
)


def text_file() -> SimpleUploadedFile:
    return SimpleUploadedFile("notes.txt", b"hello", content_type="application/pdf")


def practices_snapshot(dossier) -> tuple:
    return (
        list(GoodPractice.objects.filter(dossier=dossier).values().order_by("pk")),
        list(DossierFile.objects.filter(dossier=dossier).values().order_by("pk")),
    )


def foreign_principle() -> Principle:
    referential = Referential.objects.create(code="X", version="1", title={"fr": "Autre"})
    return Principle.objects.create(referential=referential, code="P", title={"fr": "Autre"})


NOT_EDITORS = [
    team_member,
    president_of_another_commune,
    close_by_deadline,
    close_by_submission,
    lambda dossier: coordination_member(),
]


NOT_EDITORS_IDS = ["team", "other president", "after deadline", "after submission", "coordination"]


CATEGORIES = StaffCount.Category.values


SERVICES = ServiceDelivery.Service.values


AMOUNTS = [
    "operating_revenue",
    "operating_expenditure",
    "investment_revenue",
    "investment_expenditure",
]


def profile_snapshot(dossier) -> tuple:
    """Everything the profile of a dossier holds, to show that a refusal wrote nothing."""
    profiles = InstitutionalProfile.objects.filter(dossier=dossier)
    rows = {"profile": list(profiles.values())}
    for model in (StaffCount, BudgetYear, ServiceDelivery, ParticipatoryBody):
        rows[model.__name__] = list(
            model.objects.filter(profile__dossier=dossier).values().order_by("pk")
        )
    return rows


def profile_rows(dossier, **figures) -> dict:
    """Valid arguments of the service: a new profile, or the saved one, changed by `figures`."""
    profile = InstitutionalProfile.objects.filter(dossier=dossier).first() or InstitutionalProfile(
        population=12000,
        area_km2=Decimal("120.5"),
        council_seats=25,
        council_women=7,
        council_opposition=8,
        council_under_35=3,
        population_women=6100,
    )
    for name, value in figures.items():
        setattr(profile, name, value)
    return {
        "dossier": dossier,
        "profile": profile,
        "staff": [StaffCount(category=c, women=3, men=5) for c in CATEGORIES],
        "budgets": [
            BudgetYear(year=y, **dict.fromkeys(AMOUNTS, Decimal(1000))) for y in budget_years()
        ],
        "services": [ServiceDelivery(service=s, mode="direct") for s in SERVICES],
        "bodies": [ParticipatoryBody(kind="youth", name="مجلس الشباب", members_women=4)],
    }


def budget_message() -> str:
    return "Budget: give the years {}, each once.".format(", ".join(map(str, budget_years())))
