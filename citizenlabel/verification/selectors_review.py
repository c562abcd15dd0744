"""Reads of the coordination committee's side of the review: the technical teams, the inbox
of submitted dossiers, the study of a file and its visit — each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery

from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.models import Answer, Dossier, DossierFile, Submission
from citizenlabel.dossiers.selectors import (
    declared_answers,
    dossiers_for_user,
    evidence_by_question,
    questionnaire_answers,
)
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User
from citizenlabel.referential.models import Question
from citizenlabel.referential.scoring import (
    QuestionScore,
    ScoreResult,
    contradicts_itself,
    score_question,
)
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.referential.spec import (
    FieldSpec,
    OptionSpec,
    QuestionSpec,
    ReferentialSpec,
    TopicSpec,
)

from .enums import SnapshotKind
from .models import AnswerReview, ScoreSnapshot, Visit
from .selectors import provisional_answers, score_of

# The states of a dossier from its submission on: the review inbox lists these.
REVIEW_STATES = (
    S.SUBMITTED,
    S.PROVISIONALLY_SCORED,
    S.VERIFICATION,
    S.VERIFIED,
    S.LABELLED,
    S.ACTION_PLAN,
    S.WITHDRAWN,
    S.PLAN_EVALUATED,
    S.NOT_LABELLED,
)

INBOX_ORDER = {
    "submitted": (F("submitted_at").asc(nulls_last=True), "pk"),
    "-submitted": (F("submitted_at").desc(nulls_last=True), "-pk"),
    "-declared": (F("declared_score").desc(nulls_last=True), "pk"),
    "declared": (F("declared_score").asc(nulls_last=True), "pk"),
}


# --- technical teams -------------------------------------------------------------------


def technical_teams() -> QuerySet[TechnicalTeam]:
    """The teams with their region, members (leader first) and number of dossiers."""
    members = Membership.objects.filter(role=Role.TECHNICAL_TEAM).select_related("user")
    return (
        TechnicalTeam.objects.select_related("region")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=members.order_by("-is_leader", "user__username"),
                to_attr="team_members",
            )
        )
        .annotate(dossier_count=Count("dossiers", distinct=True))
        .order_by("region__code", "pk")
    )


def team_members(team_id: int | None) -> list[User]:
    if team_id is None:
        return []
    return list(
        User.objects.filter(
            memberships__technical_team_id=team_id,
            memberships__role=Role.TECHNICAL_TEAM,
            is_active=True,
        ).order_by("-memberships__is_leader", "username")
    )


# --- the review inbox ------------------------------------------------------------------


def review_inbox(user, filters: dict, order: str = "submitted") -> QuerySet[Dossier]:
    """Dossiers from their submission on, with their latest submission's date and declared
    score and their provisional score. `filters` holds ids (edition, region, province, team
    or "none") and a state, each optional."""
    latest = Submission.objects.filter(dossier=OuterRef("pk")).order_by("-submitted_at")
    provisional = ScoreSnapshot.objects.filter(
        dossier=OuterRef("pk"), kind=SnapshotKind.PROVISIONAL
    )
    dossiers = (
        dossiers_for_user(user)
        .filter(state__in=REVIEW_STATES)
        .annotate(
            submitted_at=Subquery(latest.values("submitted_at")[:1]),
            declared_score=Subquery(latest.values("overall")[:1]),
            provisional_score=Subquery(provisional.values("overall")[:1]),
        )
    )
    lookups = {
        "edition": "edition_id",
        "region": "commune__province__region_id",
        "province": "commune__province_id",
        "state": "state",
    }
    for key, lookup in lookups.items():
        if filters.get(key):
            dossiers = dossiers.filter(**{lookup: filters[key]})
    if filters.get("team") == "none":
        dossiers = dossiers.filter(technical_team__isnull=True)
    elif filters.get("team"):
        dossiers = dossiers.filter(technical_team_id=filters["team"])
    return dossiers.order_by(*INBOX_ORDER.get(order, INBOX_ORDER["submitted"]))


# --- the study of a file ---------------------------------------------------------------


@dataclass(frozen=True)
class StudyRow:
    pk: int  # the question's row, for forms and anchors
    question: QuestionSpec
    principle: dict  # the principle's title
    answer: Answer | None
    files: list[DossierFile]
    review: AnswerReview | None
    score: QuestionScore  # of the declared answer

    @property
    def chosen(self) -> list[OptionSpec]:
        codes = self.answer.options if self.answer else []
        return [option for option in self.question.options if option.code in codes]

    @property
    def flagged(self) -> bool:
        return bool(self.review and self.review.unsupported)


@dataclass(frozen=True)
class StudySummary:
    declared: ScoreResult
    provisional: ScoreResult
    flagged: int
    remarks: int
    submission: Submission | None
    snapshot: ScoreSnapshot | None
    principles: list[tuple[dict, object, object]]  # (title, declared %, provisional %)


@dataclass(frozen=True)
class StudyField:
    field: FieldSpec
    groups: list[tuple[TopicSpec | None, list[StudyRow]]]


def declared_of(answers: dict[int, Answer], codes: dict[int, str]) -> dict[str, list[str]]:
    return {codes[pk]: a.options for pk, a in answers.items() if a.options and pk in codes}


def study_summary(dossier: Dossier, spec: ReferentialSpec, declared: dict) -> StudySummary:
    declared_result = score_of(spec, declared)
    provisional_result = score_of(spec, provisional_answers(dossier))
    reviews = AnswerReview.objects.filter(dossier=dossier)
    counts = reviews.aggregate(
        flagged=Count("pk", filter=Q(unsupported=True)), remarks=Count("pk", filter=~Q(remark=""))
    )
    return StudySummary(
        declared=declared_result,
        provisional=provisional_result,
        flagged=counts["flagged"],
        remarks=counts["remarks"],
        submission=Submission.objects.filter(dossier=dossier).order_by("-submitted_at").first(),
        snapshot=ScoreSnapshot.objects.filter(dossier=dossier, kind=SnapshotKind.PROVISIONAL)
        .select_related("created_by")
        .first(),
        principles=[
            (
                p.title,
                declared_result.by_principle.get(p.code),
                provisional_result.by_principle.get(p.code),
            )
            for p in spec.principles
        ],
    )


def _study_rows(dossier: Dossier, spec: ReferentialSpec, only: set[str] | None = None):
    """{question code: StudyRow} of the whole referential (or of the codes in `only`)."""
    pks = dict(
        Question.objects.filter(referential_id=dossier.edition.referential_id).values_list(
            "code", "pk"
        )
    )
    if only is not None:
        pks = {code: pk for code, pk in pks.items() if code in only}
    ids = list(pks.values())
    answers, files = questionnaire_answers(dossier, ids), evidence_by_question(dossier, ids)
    reviews = {
        r.question_id: r
        for r in AnswerReview.objects.filter(dossier=dossier, question_id__in=ids).select_related(
            "reviewed_by"
        )
    }
    declared = declared_of(answers, {pk: code for code, pk in pks.items()})
    scores = score_of(spec, declared).questions if only is None else None
    principles = {p.code: p.title for p in spec.principles}
    rows = {}
    for _field, question in spec.questions():
        if question.code not in pks:
            continue
        pk = pks[question.code]
        score = scores[question.code] if scores else score_of_one(question, declared)
        rows[question.code] = StudyRow(
            pk,
            question,
            principles.get(question.principle, {}),
            answers.get(pk),
            files.get(pk, []),
            reviews.get(pk),
            score,
        )
    return rows, declared


def score_of_one(question: QuestionSpec, declared: dict[str, list[str]]) -> QuestionScore:
    options = declared.get(question.code)
    if options is None or contradicts_itself(question, options):  # never scored, as a whole
        return score_question(question, None)
    return score_question(question, options if question.kind == "multiple" else options[0])


def study_of(dossier: Dossier) -> tuple[list[StudyField], StudySummary]:
    """Every question of the referential, field by field, with the declared answer, its
    evidence and the coordination's review; and the summary of the scores."""
    spec = referential_spec(dossier.edition.referential)
    rows, declared = _study_rows(dossier, spec)
    fields = []
    for field in spec.fields:
        groups: list[tuple[TopicSpec | None, list[StudyRow]]] = []
        if field.questions:
            groups.append((None, [rows[q.code] for q in field.questions if q.code in rows]))
        for topic in field.topics:
            groups.append((topic, [rows[q.code] for q in topic.questions if q.code in rows]))
        fields.append(StudyField(field, groups))
    return fields, study_summary(dossier, spec, declared)


def study_row(dossier: Dossier, question: Question) -> tuple[StudyRow, StudySummary]:
    """One question's row (for the card redrawn after a review) and the summary beside it."""
    spec = referential_spec(dossier.edition.referential)
    rows, _declared = _study_rows(dossier, spec, only={question.code})
    return rows[question.code], study_summary(dossier, spec, declared_answers(dossier))


# --- the visit -------------------------------------------------------------------------


def visit_of(dossier: Dossier) -> Visit | None:
    return (
        Visit.objects.filter(dossier=dossier)
        .select_related("scheduled_by")
        .prefetch_related(Prefetch("members", queryset=User.objects.order_by("username")))
        .first()
    )
