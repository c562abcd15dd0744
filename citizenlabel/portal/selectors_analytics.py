"""Reads of the analytics pages, each in one query whatever the number of dossiers.

Scores come only through `portal.published` (verified scores of published dossiers). The
funnel counts dossiers by region and state in the database: only counts leave it, never a
commune's name or score. Declared scores and answers are read by the national page only.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db.models import Count

from citizenlabel.dossiers.models import Dossier, Edition, Submission
from citizenlabel.referential.models import Field, Principle, Referential
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.territory.models import Region
from citizenlabel.verification.enums import SnapshotKind
from citizenlabel.verification.selectors import score_of

from .analytics import QuestionPoints, ScoreRow, StateCount
from .published import public_snapshots

Texts = dict[str, str]


@dataclass(frozen=True)
class Published:
    """The verified scores of every published dossier, with its commune's public facts."""

    rows: list[ScoreRow]
    communes: dict[str, Texts]  # commune code -> name
    snapshots: dict[int, object]  # dossier id -> the ScoreSnapshot the row comes from


def editions_newest_first() -> list[Edition]:
    return list(Edition.objects.order_by("-created_at", "-pk"))


def regions_by_code() -> dict[str, Region]:
    return {region.code: region for region in Region.objects.order_by("code")}


def published_scores() -> Published:
    """Per published dossier its final snapshot, or its latest updated one when it exists."""
    snapshots = public_snapshots().select_related("dossier__commune__province__region")
    chosen: dict[int, object] = {}
    for snap in snapshots.order_by("dossier_id", "created_at", "pk"):
        if snap.kind == SnapshotKind.UPDATED or snap.dossier_id not in chosen:
            chosen[snap.dossier_id] = snap
    rows, communes = [], {}
    for snap in chosen.values():
        commune = snap.dossier.commune
        communes[commune.code] = commune.name
        rows.append(
            ScoreRow(
                dossier=snap.dossier_id,
                edition=snap.dossier.edition_id,
                commune=commune.code,
                region=commune.province.region.code,
                kind=commune.kind,
                population=commune.population,
                overall=None if snap.overall is None else float(snap.overall),
                by_principle=snap.by_principle,
                by_field=snap.by_field,
            )
        )
    return Published(rows, communes, chosen)


def state_counts(edition: Edition) -> list[StateCount]:
    """Dossiers of the edition counted by region and state (numbers only)."""
    counts = (
        Dossier.objects.filter(edition=edition)
        .values_list("commune__province__region__code", "state")
        .annotate(count=Count("pk"))
        .order_by()
    )
    return [StateCount(region, state, count) for region, state, count in counts]


def target_counts(edition: Edition) -> dict[str, int]:
    """{region code: target communes of the edition}."""
    through = Edition.target_communes.through.objects.filter(edition=edition)
    counts = through.values_list("commune__province__region__code").annotate(count=Count("pk"))
    return dict(counts.order_by())


def titles(model, editions: Iterable[Edition]) -> dict[str, Texts]:
    """{code: title} of the principles (or fields) of the editions' referentials; when
    versions share a code, the title of the newest edition's version wins."""
    referentials = [edition.referential_id for edition in editions]
    rows = model.objects.filter(referential_id__in=referentials)
    rank = {pk: index for index, pk in enumerate(referentials)}
    result: dict[str, Texts] = {}
    for row in sorted(rows, key=lambda r: (-rank[r.referential_id], r.position)):
        result[row.code] = row.title
    return result


def principle_titles(editions: Iterable[Edition]) -> dict[str, Texts]:
    return titles(Principle, editions)


def field_titles(editions: Iterable[Edition]) -> dict[str, Texts]:
    return titles(Field, editions)


def declared_by_principle(dossiers: Sequence[int]) -> dict[int, dict[str, float]]:
    """{dossier: declared % by principle of its latest submission} (national page only)."""
    declared: dict[int, dict[str, float]] = {}
    submissions = Submission.objects.filter(dossier_id__in=dossiers).order_by(
        "dossier_id", "submitted_at", "pk"
    )
    for dossier_id, scores in submissions.values_list("dossier_id", "scores"):
        declared[dossier_id] = (scores or {}).get("by_principle", {})
    return declared


def question_points(snapshots: Iterable) -> tuple[list[QuestionPoints], dict[str, Texts]]:
    """Verified points per question of the snapshots, scored against each snapshot's own
    referential version (read once per version); and {code: question text}."""
    specs: dict[tuple[str, str], object] = {}
    points, texts = [], {}
    for snap in snapshots:
        key = (snap.referential_code, snap.referential_version)
        if key not in specs:
            referential = Referential.objects.filter(code=key[0], version=key[1]).first()
            specs[key] = referential and referential_spec(referential)
        spec = specs[key]
        if spec is None:
            continue
        for code, score in score_of(spec, snap.answers).questions.items():
            points.append(QuestionPoints(code, float(score.points), float(score.maximum)))
        texts.update({q.code: q.text for _f, q in spec.questions()})
    return points, texts
