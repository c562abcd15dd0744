from dataclasses import dataclass
from pathlib import Path

import yaml
from django.db import transaction

from .importing import read_rows, validate_rows
from .models import Commune, Province

REGIONS_FILE = Path(__file__).parent / "data" / "regions.yaml"
DEMO_COMMUNES_FILE = Path(__file__).parent / "data" / "demo_communes.csv"


@dataclass(frozen=True)
class ImportReport:
    created: int
    updated: int


def load_regions_and_provinces(region_model, province_model) -> None:
    """Create or update the 12 regions and 75 provinces/prefectures shipped as data.

    Takes the model classes so that the data migration can pass its historical models."""
    data = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))
    for region_data in data["regions"]:
        region, _created = region_model.objects.update_or_create(
            code=region_data["code"], defaults={"name": region_data["name"]}
        )
        for province in region_data["provinces"]:
            province_model.objects.update_or_create(
                code=province["code"],
                defaults={"region": region, "kind": province["kind"], "name": province["name"]},
            )


def import_communes(*, path: Path) -> ImportReport:
    """Validate every row, then create or update the communes by code, all or nothing."""
    provinces = {p.code: p for p in Province.objects.all()}
    rows = validate_rows(path.name, read_rows(path), set(provinces))
    existing = {c.code: c for c in Commune.objects.filter(code__in=[r.code for r in rows])}
    to_create, to_update = [], []
    for row in rows:
        commune = existing.get(row.code) or Commune(code=row.code)
        commune.name, commune.kind, commune.population = row.name, row.kind, row.population
        commune.province = provinces[row.province_code]
        (to_update if commune.pk else to_create).append(commune)
    with transaction.atomic():
        Commune.objects.bulk_create(to_create)
        Commune.objects.bulk_update(to_update, ["name", "kind", "population", "province"])
    return ImportReport(created=len(to_create), updated=len(to_update))
