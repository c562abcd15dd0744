"""A demo edition whose dossiers stand at every step of the commune's journey, built through
the same services as real use (so the history and snapshots are real too)."""

from datetime import date, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from citizenlabel.dossiers.enums import Gender, MemberKind, Phase
from citizenlabel.dossiers.models import Candidacy, Edition, FocalPointMember, GoodPractice, Launch
from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
from citizenlabel.dossiers.services.candidacy import (
    decide_eligibility,
    save_candidacy,
    start_candidacy,
    submit_candidacy,
)
from citizenlabel.dossiers.services.editions import (
    PhaseDates,
    open_call_for_candidacies,
    save_edition,
)
from citizenlabel.dossiers.services.practices import save_good_practice
from citizenlabel.dossiers.services.selfassessment import (
    attach_evidence,
    record_launch,
    save_answer,
)
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User
from citizenlabel.referential.models import Question, Referential
from citizenlabel.territory.models import Commune

DEMO_EDITION_NAME = {
    "ar": "ميزة الجماعة المواطنة — نسخة 2026",
    "fr": "Label Commune Citoyenne — édition 2026",
}
CONDITIONS = [
    {
        "ar": "مداولة المجلس الجماعي بشأن الانخراط في الميزة",
        "fr": "Délibération du conseil communal sur l'adhésion au label",
    },
    {
        "ar": "تعيين العنصر المحوري من طرف رئيس المجلس",
        "fr": "Désignation du point focal par le président du conseil",
    },
    {
        "ar": "التزام الجماعة بالمشاركة في التكوين حول التقييم الذاتي",
        "fr": "Engagement de la commune à suivre la formation sur l'auto-évaluation",
    },
]
# Where each demo commune stands; Chefchaouen is the commune of the printed demo accounts.
JOURNEY = {
    "01.151.01": "self_assessment",
    "01.051.01": "submitted",
    "01.051.02": "awaiting_approval",
    "01.573.01": "self_assessment",
    "09.581.01": "eligible",
    "09.581.02": "candidacy_submitted",
    "09.541.01": "ineligible",
    "09.163.01": "draft",
    # Submitted, then taken further by demo.accreditation (review, verification, plan, label).
    "01.151.02": "submitted",
    "01.151.03": "submitted",
    "01.331.01": "submitted",
    "01.331.02": "submitted",
    "01.405.01": "submitted",
    "01.571.01": "submitted",
    "01.573.02": "submitted",
}
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def demo_calendar(today: date) -> list[PhaseDates]:
    """Thirteen phases over sixteen months, the self-assessment running today."""
    start = today - timedelta(days=100)
    lengths = [30, 30, 21, 14, 42, 30, 45, 15, 15, 30, 240, 15, 30]
    phases, cursor = [], start
    for phase, days in zip(Phase, lengths, strict=True):
        phases.append(PhaseDates(phase.value, cursor, cursor + timedelta(days=days - 1)))
        cursor += timedelta(days=days)
    return phases


def _people(commune: Commune) -> tuple[User, User]:
    """The commune's focal point and president (the printed accounts for Chefchaouen)."""
    found = []
    for role in (Role.FOCAL_POINT, Role.PRESIDENT):
        membership = (
            Membership.objects.filter(role=role, commune=commune).select_related("user").first()
        )
        if membership is None:
            user = User.objects.create(username=f"{role}-{commune.code}", first_name=str(commune))
            user.set_unusable_password()
            user.save()
            membership = Membership.objects.create(user=user, role=role, commune=commune)
        found.append(membership.user)
    return found[0], found[1]


def create_demo_journey(coordination: User) -> Edition | None:
    if Edition.objects.filter(name=DEMO_EDITION_NAME).exists():
        return None
    edition = save_edition(
        edition=Edition(
            name=DEMO_EDITION_NAME,
            referential=Referential.objects.get(code="LCC", version="2022"),
        ),
        phases=demo_calendar(timezone.localdate()),
        conditions=CONDITIONS,
        target_communes=list(Commune.objects.all()),
    )
    open_call_for_candidacies(edition=edition, by=coordination)
    for code, state in JOURNEY.items():
        walk_dossier(edition, Commune.objects.get(code=code), state, coordination)
    return edition


def walk_dossier(edition: Edition, commune: Commune, state: str, coordination: User) -> None:
    focal, president = _people(commune)
    dossier = start_candidacy(edition=edition, commune=commune, by=focal)
    _candidacy(dossier, commune, focal)
    if state == "draft":
        return
    submit_candidacy(dossier=dossier, by=president)
    if state == "candidacy_submitted":
        return
    checks = {c.pk: (state != "ineligible", "") for c in edition.eligibility_conditions.all()}
    team = TechnicalTeam.objects.filter(region=commune.province.region).first()
    reason = "لم تُرفق مداولة المجلس بالانخراط." if state == "ineligible" else ""
    decide_eligibility(
        dossier=dossier,
        checks=checks,
        eligible=state != "ineligible",
        reason=reason,
        technical_team=team,
        by=coordination,
    )
    if state in ("eligible", "ineligible"):
        return
    record_launch(
        dossier=dossier,
        launch=Launch(
            official_start=timezone.localdate() - timedelta(days=10),
            workshop_date=timezone.localdate() - timedelta(days=7),
            workshop_council_women=4,
            workshop_council_men=9,
            workshop_staff_women=6,
            workshop_staff_men=8,
        ),
        schedule=[],
        training=[],
        by=focal,
    )
    _answer(dossier, focal, everything=state != "self_assessment")
    if state == "self_assessment":
        return
    add_good_practice(dossier, focal)
    send_for_approval(dossier=dossier, by=focal)
    if state == "submitted":
        approve_self_assessment(dossier=dossier, by=president)


def _candidacy(dossier, commune: Commune, focal: User) -> None:
    candidacy = Candidacy(
        council_session="الدورة العادية لشهر أكتوبر 2026",
        deliberation_number=f"{commune.pk}/2026",
        deliberation_date=timezone.localdate() - timedelta(days=60),
        address=f"مقر جماعة {commune}",
        phone="+212 539 00 00 00",
        email=f"contact-{commune.pk}@commune.ma",
    )
    members = [
        FocalPointMember(
            full_name="فاطمة الزهراء العلوي",
            function="نائبة الرئيس",
            kind=MemberKind.COUNCIL,
            gender=Gender.WOMAN,
            is_opposition=False,
        ),
        FocalPointMember(
            full_name="محمد أمين بنعلي",
            function="مستشار جماعي",
            kind=MemberKind.COUNCIL,
            gender=Gender.MAN,
            is_opposition=True,
        ),
        FocalPointMember(
            full_name="خديجة الإدريسي",
            function="رئيسة مصلحة الشؤون الإدارية",
            kind=MemberKind.STAFF,
            gender=Gender.WOMAN,
            is_opposition=False,
        ),
    ]
    save_candidacy(
        dossier=dossier,
        candidacy=candidacy,
        members=members,
        deliberation=SimpleUploadedFile("مداولة.pdf", PDF),
        by=focal,
    )


def add_good_practice(dossier, focal: User) -> None:
    """A published good practice, so that the public library and commune pages have one."""
    referential = dossier.edition.referential
    practice = GoodPractice(
        title="ميزانية تشاركية مع جمعيات الأحياء",
        principle=referential.principles.get(code="PART"),
        field=referential.fields.get(code="F3"),
        description=(
            "تخصيص جزء من ميزانية التجهيز لمشاريع تقترحها جمعيات الأحياء وتصوت عليها الساكنة."
        ),
        partners="جمعيات الأحياء، المجلس الإقليمي",
        results="ثلاثة مشاريع منجزة باقتراح من الساكنة",
        started_on=timezone.localdate() - timedelta(days=400),
        may_publish=True,
        created_by=focal,
    )
    save_good_practice(dossier=dossier, practice=practice, uploads=[], by=focal)


def _answer(dossier, focal: User, *, everything: bool) -> None:
    """Answer the questions with mid-range options (all of them, or the first field's)."""
    questions = Question.objects.filter(referential=dossier.edition.referential).prefetch_related(
        "options"
    )
    if not everything:
        questions = questions.filter(field__code="F1")
    for index, question in enumerate(questions):
        # "None of these" would contradict a second option ticked beside it: never chosen.
        scored = [o.code for o in question.options.all() if not (o.not_applicable or o.exclusive)]
        choice = (
            scored[: 1 + index % 2]
            if question.kind == "multiple"
            else [scored[min(len(scored) - 1, 1 + index % 2)]]
        )
        save_answer(
            dossier=dossier, question=question, options=choice, comment="", seen_version=0, by=focal
        )
        if index % 3 == 0:
            attach_evidence(
                dossier=dossier,
                question=question,
                upload=SimpleUploadedFile(f"مصدر-{question.code}.pdf", PDF),
                by=focal,
            )
