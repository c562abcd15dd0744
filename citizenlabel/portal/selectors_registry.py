"""Reads of the public registry, a commune's public page and the good-practice library.

Everything comes through `portal.published`; each read costs a fixed number of queries
whatever the number of communes, labels, scores or practices."""

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext as _

from citizenlabel.accreditation.models import Label
from citizenlabel.actionplans.models import Activity
from citizenlabel.actionplans.selectors_evaluation import Achievement, achievement_of
from citizenlabel.common.charts import BarRow, RadarSeries, bar_chart, progress_bar, radar_chart
from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Edition, GoodPractice
from citizenlabel.referential.models import Field, Principle
from citizenlabel.territory.models import Commune, Region
from citizenlabel.verification.models import DiagnosisPoint, ScoreSnapshot

from .published import (
    public_good_practices,
    public_labels,
    public_snapshots,
    public_strengths,
    published_dossiers,
)
from .search import matches

# --- the registry ----------------------------------------------------------------------


@dataclass(frozen=True)
class RegistryFilters:
    region: str = ""  # region code
    province: str = ""  # province code
    edition: int | None = None
    status: str = ""
    q: str = ""


def registry_labels() -> list[Label]:
    """Every public label, by commune name: one query, filtered afterwards in Python."""
    labels = list(public_labels().order_by("-granted_on", "pk"))
    return sorted(labels, key=lambda label: translated(label.commune.name))


def _keeps(label: Label, filters: RegistryFilters) -> bool:
    province = label.commune.province
    return (
        (not filters.region or province.region.code == filters.region)
        and (not filters.province or province.code == filters.province)
        and (filters.edition is None or label.edition_id == filters.edition)
        and (not filters.status or label.status == filters.status)
        and matches(filters.q, *label.commune.name.values(), label.commune.code)
    )


def filter_labels(labels: list[Label], filters: RegistryFilters) -> list[Label]:
    return [label for label in labels if _keeps(label, filters)]


def _unique(items) -> list:
    return list({item.pk: item for item in items}.values())


def registry_choices(labels: list[Label]) -> dict[str, list]:
    """The regions, provinces and editions that have a label, for the filters."""
    provinces = _unique(label.commune.province for label in labels)
    return {
        "regions": sorted(_unique(p.region for p in provinces), key=lambda r: r.code),
        "provinces": sorted(provinces, key=lambda p: p.code),
        "editions": sorted(
            _unique(label.edition for label in labels), key=lambda e: e.created_at, reverse=True
        ),
    }


# --- a commune's public page ----------------------------------------------------------


@dataclass(frozen=True)
class ScoreRow:
    title: str
    value: float | None


@dataclass(frozen=True)
class PublicScore:
    snapshot: ScoreSnapshot
    principles: list[ScoreRow]
    fields: list[ScoreRow]
    radar: str
    bars: str


@dataclass(frozen=True)
class PlanProgress:
    edition: Edition
    achievement: Achievement
    done: int
    total: int
    bar: str


@dataclass
class EditionHistory:
    edition: Edition
    labels: list[Label] = field(default_factory=list)
    snapshot: ScoreSnapshot | None = None


@dataclass(frozen=True)
class CommunePage:
    commune: Commune
    labels: list[Label]
    score: PublicScore | None
    strengths: list[DiagnosisPoint]
    practices: list[GoodPractice]
    plan: PlanProgress | None
    history: list[EditionHistory]

    @property
    def is_empty(self) -> bool:
        return not (self.labels or self.score or self.strengths or self.practices or self.plan)


def public_commune(code: str) -> Commune:
    """The commune of a public page; 404 only when the code is unknown."""
    return get_object_or_404(Commune.objects.select_related("province__region"), code=code)


def _titles(model, referential_ids: set[int]) -> dict[int, list[tuple[str, str]]]:
    """{referential id: [(code, title)…] in the referential's order} in one query."""
    found: dict[int, list[tuple[str, str]]] = {}
    rows = model.objects.filter(referential_id__in=referential_ids).order_by("position")
    for row in rows.only("referential_id", "code", "title", "position"):
        found.setdefault(row.referential_id, []).append((row.code, translated(row.title)))
    return found


def _rows(titles: list[tuple[str, str]], values: dict[str, Any]) -> list[ScoreRow]:
    known = [code for code, _title in titles]
    rows = [ScoreRow(title, _float(values.get(code))) for code, title in titles]
    return rows + [ScoreRow(code, _float(v)) for code, v in values.items() if code not in known]


def _float(value) -> float | None:
    return None if value is None else float(value)


def _public_score(snapshot: ScoreSnapshot, principles, fields) -> PublicScore:
    rtl = get_language_bidi()
    by_principle = _rows(principles, snapshot.by_principle)
    by_field = _rows(fields, snapshot.by_field)
    radar = radar_chart(
        [row.title for row in by_principle],
        [RadarSeries(snapshot.get_kind_display(), [row.value for row in by_principle])],
        title=_("Verified score by principle"),
        rtl=rtl,
    )
    bars = bar_chart(
        [BarRow(row.title, [row.value]) for row in by_field],
        title=_("Verified score by field"),
        rtl=rtl,
    )
    return PublicScore(snapshot, by_principle, by_field, radar, bars)


def _history(labels: list[Label], snapshots: list[ScoreSnapshot]) -> list[EditionHistory]:
    editions: dict[int, EditionHistory] = {}
    for label in labels:
        editions.setdefault(label.edition_id, EditionHistory(label.edition)).labels.append(label)
    for snapshot in snapshots:  # oldest first: the last one kept is the latest
        edition = snapshot.dossier.edition
        editions.setdefault(edition.pk, EditionHistory(edition)).snapshot = snapshot
    return sorted(editions.values(), key=lambda h: h.edition.created_at, reverse=True)


def _latest_strengths(commune: Commune) -> list[DiagnosisPoint]:
    strengths = list(
        public_strengths()
        .filter(dossier__commune=commune)
        .select_related("dossier__edition")
        .order_by("-dossier__edition__created_at", "principle__position", "pk")
    )
    return [s for s in strengths if s.dossier_id == strengths[0].dossier_id] if strengths else []


def _plan_progress(commune: Commune) -> PlanProgress | None:
    """The action plan of the commune's latest published dossier that has one."""
    dossiers = published_dossiers().filter(commune=commune)
    activities = list(
        Activity.objects.filter(plan__dossier__in=dossiers.values("pk"))
        .select_related("plan__dossier__edition")
        .order_by("-plan__dossier__edition__created_at", "pk")
    )
    if not activities:
        return None
    latest = [a for a in activities if a.plan_id == activities[0].plan_id]
    achievement = achievement_of(latest)
    done = sum(1 for a in latest if a.status == "done")
    label = _("Achievement of the action plan")
    bar = progress_bar(float(achievement.rate), 100, label=label, rtl=get_language_bidi())
    return PlanProgress(latest[0].plan.dossier.edition, achievement, done, len(latest), bar)


def commune_page(commune: Commune) -> CommunePage:
    labels = list(public_labels().filter(commune=commune).order_by("-granted_on"))
    snapshots = list(
        public_snapshots()
        .filter(dossier__commune=commune)
        .select_related("dossier__edition")
        .order_by("dossier__edition__created_at", "created_at", "pk")
    )
    score = None
    if snapshots:
        latest = snapshots[-1]
        referential = {latest.dossier.edition.referential_id}
        principles = _titles(Principle, referential).get(latest.dossier.edition.referential_id, [])
        fields = _titles(Field, referential).get(latest.dossier.edition.referential_id, [])
        score = _public_score(latest, principles, fields)
    practices = list(
        public_good_practices().filter(dossier__commune=commune).order_by("-started_on", "pk")
    )
    return CommunePage(
        commune=commune,
        labels=labels,
        score=score,
        strengths=_latest_strengths(commune),
        practices=practices,
        plan=_plan_progress(commune),
        history=_history(labels, snapshots),
    )


# --- the good-practice library --------------------------------------------------------


@dataclass(frozen=True)
class PracticeFilters:
    principle: str = ""  # a principle code, whatever the referential version
    field: str = ""  # a field code, whatever the referential version
    region: str = ""  # region code
    q: str = ""


def principle_choices() -> list[tuple[str, str]]:
    """(code, title) of every principle code; the newest referential's title wins."""
    titles: dict[str, str] = {}
    for principle in Principle.objects.order_by("referential__loaded_at", "position"):
        titles[principle.code] = translated(principle.title)
    return list(titles.items())


def field_choices() -> list[tuple[str, str]]:
    """(code, title) of every field code; the newest referential's title wins."""
    titles: dict[str, str] = {}
    for row in Field.objects.order_by("referential__loaded_at", "position"):
        titles[row.code] = translated(row.title)
    return list(titles.items())


def region_choices() -> list[Region]:
    return list(Region.objects.order_by("code"))


def practice_library(filters: PracticeFilters) -> list[GoodPractice]:
    """Published good practices, filtered by principle and region in SQL, by words here."""
    practices = public_good_practices()
    condition = Q()
    if filters.principle:
        condition &= Q(principle__code=filters.principle)
    if filters.field:
        condition &= Q(field__code=filters.field)
    if filters.region:
        condition &= Q(dossier__commune__province__region__code=filters.region)
    rows = practices.filter(condition).order_by("-dossier__edition__created_at", "title", "pk")
    return [p for p in rows if _practice_matches(p, filters.q)]


def _practice_matches(practice: GoodPractice, query: str) -> bool:
    commune = practice.dossier.commune
    texts = (practice.title, practice.description, practice.results, practice.partners)
    return matches(query, *texts, *commune.name.values())
