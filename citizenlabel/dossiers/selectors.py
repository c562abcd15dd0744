"""Reads of dossiers that depend on who asks, each in a fixed number of queries."""

from dataclasses import dataclass, replace

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from citizenlabel.people.enums import Role
from citizenlabel.people.selectors import roles_of
from citizenlabel.referential.scoring import (
    ScoreResult,
    contradiction_problems,
    contradicts_itself,
    score_answers,
)
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.referential.spec import QuestionSpec, ReferentialSpec
from citizenlabel.territory.models import Commune

from .models import Answer, Dossier, DossierFile, Edition


def dossiers_for_user(user) -> QuerySet[Dossier]:
    """The dossiers a user may see: national staff all, a commune its own, a team its own."""
    roles = roles_of(user)
    dossiers = Dossier.objects.select_related(
        "edition", "commune__province__region", "technical_team"
    )
    if roles.has(Role.ADMINISTRATOR) or roles.has(Role.COORDINATION):
        return dossiers
    commune_ids = roles.communes.get(Role.FOCAL_POINT, frozenset()) | roles.communes.get(
        Role.PRESIDENT, frozenset()
    )
    team_ids = roles.team_ids if roles.has(Role.TECHNICAL_TEAM) else frozenset()
    visible = Q(commune_id__in=commune_ids) | Q(technical_team_id__in=team_ids)
    if roles.has(Role.ACCREDITATION):  # only the dossiers on their own sessions' agendas
        visible |= Q(agenda_items__session__members__user=user)
        return dossiers.filter(visible).distinct()
    return dossiers.filter(visible)


def dossier_for_user(user, pk: int) -> Dossier:
    """The dossier, or 404 for anyone who may not see it."""
    dossier = dossiers_for_user(user).filter(pk=pk).first()
    if dossier is None:
        raise Http404
    return dossier


def file_for_user(user, pk: int) -> DossierFile:
    stored = DossierFile.objects.select_related("dossier").filter(pk=pk).first()
    if stored is None or not dossiers_for_user(user).filter(pk=stored.dossier_id).exists():
        raise Http404
    return stored


def editions_with_counts() -> QuerySet[Edition]:
    return Edition.objects.select_related("referential").annotate(
        target_count=Count("target_communes", distinct=True),
        dossier_count=Count("dossiers", distinct=True),
    )


def declared_answers(dossier: Dossier) -> dict[str, list[str]]:
    """{question code: [option codes]} of the answers given (cleared answers left out)."""
    return {
        code: options
        for code, options in Answer.objects.filter(dossier=dossier).values_list(
            "question__code", "options"
        )
        if options
    }


def as_scoring_answers(spec: ReferentialSpec, answers: dict[str, list[str]]) -> dict:
    """Stored answers in the scorer's shape. One that contradicts itself (stored before such
    answers were refused) is left out: scoring refuses it, so it counts as unanswered until
    corrected, and `contradictory_answers` lists it for the commune."""
    questions = {q.code: q for _field, q in spec.questions()}
    shaped: dict = {}
    for code, options in answers.items():
        question = questions.get(code)
        if question is not None and contradicts_itself(question, options):
            continue
        multiple = question is not None and question.kind == "multiple"
        shaped[code] = options if multiple else options[0]
    return shaped


@dataclass(frozen=True)
class ContradictoryAnswer:
    """A stored answer that contradicts itself ("none of these" ticked with another option)."""

    question: QuestionSpec
    field_code: str
    options: list[str]
    problems: list[str]  # translated messages that name the options in conflict
    question_id: int | None = None  # the stored question, for a link to its answer card


def stored_contradictions(
    spec: ReferentialSpec, answers: dict[str, list[str]]
) -> list[ContradictoryAnswer]:
    """The answers of `answers` that contradict themselves, in the questionnaire's order."""
    found = []
    for field, question in spec.questions():
        options = answers.get(question.code) or []
        if problems := contradiction_problems(question, options):
            messages = [problem.message for problem in problems]
            found.append(ContradictoryAnswer(question, field.code, list(options), messages))
    return found


def contradictory_answers(
    dossier: Dossier, spec: ReferentialSpec | None = None
) -> list[ContradictoryAnswer]:
    """The commune's declared answers that contradict themselves, to be corrected."""
    spec = spec or referential_spec(dossier.edition.referential)
    rows = Answer.objects.filter(dossier=dossier).values_list(
        "question_id", "question__code", "options"
    )
    ids, answers = {}, {}
    for question_id, code, options in rows:
        ids[code], answers[code] = question_id, options
    return [
        replace(found, question_id=ids[found.question.code])
        for found in stored_contradictions(spec, answers)
    ]


def declared_score(dossier: Dossier, spec: ReferentialSpec | None = None) -> ScoreResult:
    spec = spec or referential_spec(dossier.edition.referential)
    return score_answers(spec, as_scoring_answers(spec, declared_answers(dossier)))


@dataclass(frozen=True)
class FieldProgress:
    code: str
    title: dict
    answered: int
    total: int
    without_evidence: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0


def self_assessment_progress(dossier: Dossier, spec: ReferentialSpec) -> list[FieldProgress]:
    """Answered / total and answers without evidence, per field, in two queries."""
    answered = set(declared_answers(dossier))
    with_evidence = set(
        DossierFile.objects.filter(
            dossier=dossier, purpose=DossierFile.Purpose.EVIDENCE
        ).values_list("question__code", flat=True)
    )
    progress = []
    for field in spec.fields:
        codes = [q.code for q in field.all_questions()]
        done = [c for c in codes if c in answered]
        progress.append(
            FieldProgress(
                field.code,
                field.title,
                len(done),
                len(codes),
                sum(1 for c in done if c not in with_evidence),
            )
        )
    return progress


def questionnaire_answers(dossier: Dossier, question_ids: list[int]) -> dict[int, Answer]:
    answers = Answer.objects.filter(dossier=dossier, question_id__in=question_ids).select_related(
        "updated_by"
    )
    return {a.question_id: a for a in answers}


def evidence_by_question(dossier: Dossier, question_ids: list[int]) -> dict[int, list[DossierFile]]:
    files: dict[int, list[DossierFile]] = {}
    for stored in DossierFile.objects.filter(
        dossier=dossier, purpose=DossierFile.Purpose.EVIDENCE, question_id__in=question_ids
    ):
        files.setdefault(stored.question_id, []).append(stored)
    return files


def open_calls_for(user) -> list[tuple[Edition, object]]:
    """(edition, commune) pairs the user's communes may still apply to."""
    roles = roles_of(user)
    commune_ids = roles.communes.get(Role.FOCAL_POINT, frozenset()) | roles.communes.get(
        Role.PRESIDENT, frozenset()
    )
    if not commune_ids:
        return []
    editions = (
        Edition.objects.filter(call_opened_at__isnull=False, target_communes__in=commune_ids)
        .distinct()
        .prefetch_related(
            Prefetch("target_communes", queryset=Commune.objects.filter(pk__in=commune_ids))
        )
    )
    started = set(
        Dossier.objects.filter(commune_id__in=commune_ids).values_list("edition_id", "commune_id")
    )
    return [
        (edition, commune)
        for edition in editions
        for commune in edition.target_communes.all()
        if (edition.pk, commune.pk) not in started
    ]
