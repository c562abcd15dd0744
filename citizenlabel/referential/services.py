"""Every write to the referential tables."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput, Problem

from .models import Anchor, Field, Option, Principle, Question, Referential, Topic
from .spec import FieldSpec, QuestionSpec, ReferentialSpec


@transaction.atomic
def load_referential(
    *, spec: ReferentialSpec, by=None, replace: bool = False, source_sha256: str = ""
) -> Referential:
    """Store a parsed referential; all or nothing.

    An existing version is replaced only when asked and only while no edition uses it:
    a used referential is immutable and must be superseded by a new version."""
    existing = (
        Referential.objects.select_for_update().filter(code=spec.code, version=spec.version).first()
    )
    if existing is not None:
        _check_replaceable(existing, replace)
        existing.delete()
    referential = Referential.objects.create(
        code=spec.code,
        version=spec.version,
        title=spec.title,
        description=spec.description,
        aggregation=spec.aggregation,
        loaded_by=by,
        source_sha256=source_sha256,
    )
    principles = _create_principles(referential, spec)
    for position, field_spec in enumerate(spec.fields):
        _create_field(referential, field_spec, position, principles)
    return referential


def _check_replaceable(existing: Referential, replace: bool) -> None:
    place = f"{existing.code} {existing.version}"
    if existing.is_locked:
        message = _(
            "This version is already used by an edition and can no longer change; "
            "load it under a new version."
        )
        raise InvalidInput([Problem(place, message)])
    if not replace:
        message = _("This version is already loaded; use --replace to load it again.")
        raise InvalidInput([Problem(place, message)])


def _create_principles(referential: Referential, spec: ReferentialSpec) -> dict[str, Principle]:
    principles = Principle.objects.bulk_create(
        Principle(
            referential=referential,
            code=p.code,
            title=p.title,
            description=p.description,
            position=position,
        )
        for position, p in enumerate(spec.principles)
    )
    Anchor.objects.bulk_create(
        Anchor(principle=principle, ref=anchor.ref, text=anchor.text, position=position)
        for principle, p in zip(principles, spec.principles, strict=True)
        for position, anchor in enumerate(p.anchors)
    )
    return {p.code: p for p in principles}


def _create_field(
    referential: Referential, spec: FieldSpec, position: int, principles: dict[str, Principle]
) -> None:
    field = Field.objects.create(
        referential=referential,
        code=spec.code,
        title=spec.title,
        description=spec.description,
        position=position,
    )
    placed: list[tuple[Topic | None, QuestionSpec]] = [(None, q) for q in spec.questions]
    for topic_position, topic_spec in enumerate(spec.topics):
        topic = Topic.objects.create(
            field=field, code=topic_spec.code, title=topic_spec.title, position=topic_position
        )
        placed += [(topic, q) for q in topic_spec.questions]
    questions = Question.objects.bulk_create(
        _question(referential, field, topic, q, principles, order)
        for order, (topic, q) in enumerate(placed)
    )
    Option.objects.bulk_create(
        Option(
            question=question,
            code=o.code,
            text=o.text,
            points=o.points,
            not_applicable=o.not_applicable,
            exclusive=o.exclusive,
            position=order,
        )
        for question, (_topic, q) in zip(questions, placed, strict=True)
        for order, o in enumerate(q.options)
    )


def _question(referential, field, topic, q: QuestionSpec, principles, order: int) -> Question:
    return Question(
        referential=referential,
        field=field,
        topic=topic,
        principle=principles[q.principle],
        code=q.code,
        letter=q.letter,
        kind=q.kind,
        text=q.text,
        help=q.help,
        weight=q.weight,
        max_points=q.max_points,
        legal_basis=list(q.legal_basis),
        evidence=list(q.evidence),
        critical=q.critical,
        position=field.position * 10_000 + order,
    )


def lock_referential(*, referential: Referential) -> Referential:
    """Freeze a referential once an edition uses it; later versions supersede it."""
    if referential.locked_at is None:
        referential.locked_at = timezone.now()
        referential.save(update_fields=["locked_at"])
    return referential
