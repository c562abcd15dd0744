"""Open data: one row per published dossier, its documented schema, the licence, and the
CSV, JSON and Excel writers. Every figure comes from citizenlabel.portal.published."""

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook

from citizenlabel.dossiers.models import Dossier, Edition
from citizenlabel.referential.models import Field, Principle
from citizenlabel.territory.models import Province, Region

from .published import public_labels, public_snapshots, published_dossiers

Texts = dict[str, str]
CENT = Decimal("0.01")

LICENCE = {
    "name": "Licence ouverte / رخصة مفتوحة",
    "attribution_required": True,
    "text": {
        "ar": (
            "يُسمح بإعادة استعمال هذه المعطيات ونسخها وتوزيعها وتعديلها بحرية، بما في ذلك "
            "لأغراض تجارية، شرط ذكر المصدر: «ميزة الجماعة المواطنة» وتاريخ استخراج المعطيات."
        ),
        "fr": (
            "La réutilisation, la copie, la diffusion et la modification de ces données sont "
            "libres, y compris à des fins commerciales, à condition de citer la source : "
            "« Label Commune Citoyenne » et la date d'extraction des données."
        ),
    },
}


@dataclass(frozen=True)
class Column:
    name: str
    kind: str
    meaning: Texts

    def as_dict(self) -> dict:
        return {"name": self.name, "type": self.kind, "description": self.meaning}


def _column(name: str, kind: str, ar: str, fr: str) -> Column:
    return Column(name, kind, {"ar": ar, "fr": fr})


DATE = "date (YYYY-MM-DD)"
PERCENT = "decimal (0–100, 2 decimals)"
LEADING_COLUMNS = [
    _column("edition_id", "integer", "معرّف النسخة", "Identifiant de l'édition"),
    _column("edition_name_ar", "string", "اسم النسخة بالعربية", "Nom de l'édition en arabe"),
    _column("edition_name_fr", "string", "اسم النسخة بالفرنسية", "Nom de l'édition en français"),
    _column("commune_code", "string", "رمز الجماعة", "Code de la commune"),
    _column("commune_name_ar", "string", "اسم الجماعة بالعربية", "Nom de la commune en arabe"),
    _column("commune_name_fr", "string", "اسم الجماعة بالفرنسية", "Nom de la commune en français"),
    _column("province_code", "string", "رمز الإقليم أو العمالة", "Code de la province"),
    _column("region_code", "string", "رمز الجهة", "Code de la région"),
    _column(
        "commune_kind",
        "enum: urban | rural",
        "نوع الجماعة: حضرية (urban) أو قروية (rural)",
        "Type de commune : urbaine (urban) ou rurale (rural)",
    ),
    _column("population", "integer", "عدد السكان (فارغ إن لم يكن معروفا)", "Population"),
    _column(
        "label_status",
        "enum: active | expired | renewed | revoked | (empty)",
        "حالة الميزة: سارية، منتهية، مجددة، مسحوبة؛ فارغ إن لم تمنح الميزة",
        "Statut du label : actif, expiré, renouvelé, retiré ; vide sans label",
    ),
    _column("label_granted_on", DATE, "تاريخ منح الميزة", "Date d'attribution du label"),
    _column("label_valid_until", DATE, "آخر يوم لصلاحية الميزة", "Fin de validité du label"),
    _column(
        "certificate_code",
        "string",
        "رمز التحقق من الشهادة",
        "Code de vérification du certificat",
    ),
    _column(
        "score_kind",
        "enum: final | updated",
        "نوع النقطة المنشورة: نهائية بعد التحقق (final) أو محينة بعد خطة العمل (updated)",
        "Note publiée : finale après vérification (final) ou actualisée après plan d'action",
    ),
    _column("overall_score", PERCENT, "النقطة الإجمالية المتحقق منها", "Note globale vérifiée"),
]
TRAILING_COLUMNS = [
    _column("referential_code", "string", "رمز المرجعية", "Code du référentiel"),
    _column("referential_version", "string", "نسخة المرجعية", "Version du référentiel"),
]


@dataclass(frozen=True)
class OpenDataFilters:
    edition: Edition | None = None
    region: Region | None = None
    province: Province | None = None
    status: str = ""


@dataclass
class OpenData:
    columns: list[Column]
    rows: list[dict] = field(default_factory=list)
    generated_at: datetime = field(default_factory=timezone.now)


def filtered_dossiers(filters: OpenDataFilters) -> QuerySet[Dossier]:
    """Published dossiers narrowed by the registry's filters."""
    dossiers = published_dossiers()
    if filters.edition:
        dossiers = dossiers.filter(edition=filters.edition)
    if filters.region:
        dossiers = dossiers.filter(commune__province__region=filters.region)
    if filters.province:
        dossiers = dossiers.filter(commune__province=filters.province)
    if filters.status:
        labelled = public_labels().filter(status=filters.status).values("dossier")
        dossiers = dossiers.filter(pk__in=labelled)
    return dossiers


def score_columns(referential_ids: Iterable[int]) -> list[Column]:
    """One column per principle, then per field, of the referentials in use (two queries)."""
    ids = sorted(set(referential_ids))
    columns: dict[str, Column] = {}
    for model, prefix, ar, fr in (
        (Principle, "principle", "نسبة المبدأ المتحقق منها", "Score vérifié du principe"),
        (Field, "field", "نسبة المجال المتحقق منها", "Score vérifié du domaine"),
    ):
        rows = model.objects.filter(referential_id__in=ids).order_by(
            "referential__code", "referential__version", "position"
        )
        for item in rows:
            name = f"{prefix}_{item.code}"
            title = item.title or {}
            columns.setdefault(
                name,
                _column(
                    name,
                    PERCENT,
                    f"{ar}: {title.get('ar', item.code)} (%)",
                    f"{fr} : {title.get('fr', item.code)} (%)",
                ),
            )
    return list(columns.values())


def schema_for(dossiers: QuerySet[Dossier]) -> list[Column]:
    """The columns of a download of these dossiers, for the schema page."""
    ids = dossiers.order_by().values_list("edition__referential", flat=True).distinct()
    return [*LEADING_COLUMNS, *score_columns(list(ids)), *TRAILING_COLUMNS]


def percent(value) -> Decimal | None:
    """A stored percentage rounded to 2 decimals, or None when absent."""
    if value is None or value == "":
        return None
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def _published_scores(ids: list[int]) -> dict[int, object]:
    """The score shown for each dossier: its latest updated score, else its final one."""
    chosen: dict[int, object] = {}
    for snapshot in public_snapshots().filter(dossier_id__in=ids).order_by("created_at", "pk"):
        if snapshot.kind == "updated" or snapshot.dossier_id not in chosen:
            chosen[snapshot.dossier_id] = snapshot
    return chosen


def _row(dossier: Dossier, label, snapshot, score_names: list[str]) -> dict:
    commune = dossier.commune
    edition_name, commune_name = dossier.edition.name or {}, commune.name or {}
    row = {
        "edition_id": dossier.edition_id,
        "edition_name_ar": edition_name.get("ar", ""),
        "edition_name_fr": edition_name.get("fr", ""),
        "commune_code": commune.code,
        "commune_name_ar": commune_name.get("ar", ""),
        "commune_name_fr": commune_name.get("fr", ""),
        "province_code": commune.province.code,
        "region_code": commune.province.region.code,
        "commune_kind": commune.kind,
        "population": commune.population,
        "label_status": label.status if label else "",
        "label_granted_on": label.granted_on.isoformat() if label else "",
        "label_valid_until": label.valid_until.isoformat() if label else "",
        "certificate_code": label.code if label else "",
        "score_kind": snapshot.kind if snapshot else "",
        "overall_score": percent(snapshot.overall) if snapshot else None,
    }
    by_principle = snapshot.by_principle if snapshot else {}
    by_field = snapshot.by_field if snapshot else {}
    for name in score_names:
        kind, code = name.split("_", 1)
        row[name] = percent((by_principle if kind == "principle" else by_field).get(code))
    row["referential_code"] = snapshot.referential_code if snapshot else ""
    row["referential_version"] = snapshot.referential_version if snapshot else ""
    return row


def open_data(filters: OpenDataFilters) -> OpenData:
    """The rows of the download: five queries whatever the number of dossiers."""
    dossiers = list(filtered_dossiers(filters).order_by("edition_id", "commune__code"))
    ids = [d.pk for d in dossiers]
    labels = {label.dossier_id: label for label in public_labels().filter(dossier_id__in=ids)}
    scores = _published_scores(ids)
    score_cols = score_columns(d.edition.referential_id for d in dossiers)
    names = [c.name for c in score_cols]
    rows = [_row(d, labels.get(d.pk), scores.get(d.pk), names) for d in dossiers]
    return OpenData(columns=[*LEADING_COLUMNS, *score_cols, *TRAILING_COLUMNS], rows=rows)


# --- writers ------------------------------------------------------------------------------


def _text(value) -> str:
    return "" if value is None else str(value)


def write_csv(data: OpenData) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel shows Arabic correctly."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    names = [c.name for c in data.columns]
    writer.writerow(names)
    for row in data.rows:
        writer.writerow([_text(row[name]) for name in names])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _json_value(value):
    if isinstance(value, Decimal):
        return float(value)
    raise TypeError(type(value))


def write_json(data: OpenData) -> bytes:
    document = {
        "schema": [c.as_dict() for c in data.columns],
        "licence": LICENCE,
        "generated_at": data.generated_at.isoformat(),
        "rows": data.rows,
    }
    return json.dumps(document, ensure_ascii=False, default=_json_value, indent=1).encode()


def _cell(value):
    return float(value) if isinstance(value, Decimal) else value


def write_xlsx(data: OpenData) -> bytes:
    """A "results" sheet (numbers as numbers) and a "schema" sheet with the licence."""
    book = Workbook()
    results = book.active
    results.title = "results"
    names = [c.name for c in data.columns]
    results.append(names)
    for row in data.rows:
        results.append([_cell(row[name]) for name in names])
    for cells in results.iter_rows(min_row=2):
        for cell in cells:
            if isinstance(cell.value, float):
                cell.number_format = "0.00"
    schema = book.create_sheet("schema")
    schema.append(["name", "type", "description_ar", "description_fr"])
    for column in data.columns:
        schema.append([column.name, column.kind, column.meaning["ar"], column.meaning["fr"]])
    schema.append([])
    schema.append([LICENCE["name"], "", LICENCE["text"]["ar"], LICENCE["text"]["fr"]])
    schema.append(["generated_at", data.generated_at.isoformat()])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


WRITERS = {
    "csv": (write_csv, "text/csv; charset=utf-8"),
    "json": (write_json, "application/json; charset=utf-8"),
    "xlsx": (
        write_xlsx,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ),
}
