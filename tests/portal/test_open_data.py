"""Open data: rows equal to the stored scores, three formats alike, filters, no leaks."""

import csv
import io
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from citizenlabel.verification.models import ScoreSnapshot
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    EditionFactory,
    ProvinceFactory,
    RegionFactory,
    dossier_ready_for_plan,
)
from tests.factories.portal import labelled, open_data_snapshot, published

pytestmark = pytest.mark.django_db

PRINCIPLES = ["PART", "EQUAL", "COOP", "EFFIC", "TRANSP", "SUST", "INNOV"]
FIELDS = ["F1", "F2", "F3", "F4", "F5"]


def download(fmt: str, **params):
    return Client().get(reverse("portal:open_data_download", args=[fmt]), params)


def csv_rows(response) -> list[dict]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def json_rows(response) -> list[dict]:
    return json.loads(response.content)["rows"]


def xlsx_rows(response) -> list[dict]:
    sheet = load_workbook(io.BytesIO(response.content))["results"]
    header, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(header, row, strict=True)) for row in rows]


def as_text(rows: list[dict]) -> list[dict]:
    """Rows of any format as the CSV writes them: 2 decimals, empty when absent."""

    def text(name, value):
        if value is None:
            return ""
        if isinstance(value, float) or name.startswith(("principle_", "field_", "overall")):
            return f"{Decimal(str(value)):.2f}"
        return str(value)

    return [{name: text(name, value) for name, value in row.items()} for row in rows]


def commune_codes(rows) -> list[str]:
    return sorted(row["commune_code"] for row in rows)


# --- the figures ---------------------------------------------------------------------------


def test_every_score_column_equals_the_stored_snapshot_rounded_to_two_decimals():
    real, _verifier = dossier_ready_for_plan()
    published(seed=1)
    labelled()
    rows = csv_rows(download("csv"))
    assert len(rows) == 3
    snapshots = {s.dossier.commune.code: s for s in ScoreSnapshot.objects.filter(kind="final")}
    assert real.commune.code in snapshots
    for row in rows:
        stored = snapshots[row["commune_code"]]
        assert row["overall_score"] == f"{stored.overall:.2f}"
        assert row["score_kind"] == "final"
        for code in PRINCIPLES:
            value = stored.by_principle.get(code)
            expected = "" if value is None else f"{Decimal(str(value)).quantize(Decimal('0.01'))}"
            assert row[f"principle_{code}"] == expected
        for code in FIELDS:
            value = stored.by_field.get(code)
            expected = "" if value is None else f"{Decimal(str(value)).quantize(Decimal('0.01'))}"
            assert row[f"field_{code}"] == expected
        assert (row["referential_code"], row["referential_version"]) == ("LCC", "2022")


def test_a_row_carries_the_commune_edition_and_label_facts():
    label = labelled()
    [row] = csv_rows(download("csv"))
    commune = label.commune
    assert row["commune_code"] == commune.code
    assert (row["commune_name_ar"], row["commune_name_fr"]) == (
        commune.name["ar"],
        commune.name["fr"],
    )
    assert row["province_code"] == commune.province.code
    assert row["region_code"] == commune.province.region.code
    assert (row["commune_kind"], row["population"]) == ("rural", "12000")
    assert row["edition_id"] == str(label.edition_id)
    assert row["edition_name_ar"] == label.edition.name["ar"]
    assert row["label_status"] == "active"
    assert row["label_granted_on"] == label.granted_on.isoformat()
    assert row["label_valid_until"] == label.valid_until.isoformat()
    assert row["certificate_code"] == label.code
    assert row["principle_PART"] == "13.00"
    assert row["field_F5"] == ""


def test_the_updated_score_replaces_the_final_one():
    dossier = published(state="labelled", overall="60.00")
    open_data_snapshot(dossier, kind="updated", overall="74.50", seed=5)
    [row] = csv_rows(download("csv"))
    assert (row["score_kind"], row["overall_score"], row["principle_PART"]) == (
        "updated",
        "74.50",
        "15.00",
    )


def test_the_three_formats_carry_the_same_rows():
    published(seed=1)
    published(seed=2, commune=CommuneFactory(population=None, kind="urban"))
    labelled()
    from_csv = csv_rows(download("csv"))
    assert len(from_csv) == 3
    assert as_text(json_rows(download("json"))) == from_csv
    assert as_text(xlsx_rows(download("xlsx"))) == from_csv


def test_json_and_excel_document_the_schema_and_the_licence():
    published()
    document = json.loads(download("json").content)
    names = [column["name"] for column in document["schema"]]
    assert names == list(csv_rows(download("csv"))[0])
    assert names[-2:] == ["referential_code", "referential_version"]
    assert document["licence"]["name"] == "Licence ouverte / رخصة مفتوحة"
    assert document["licence"]["attribution_required"] is True
    assert set(document["licence"]["text"]) == {"ar", "fr"}
    assert document["generated_at"].startswith(timezone.now().date().isoformat())
    book = load_workbook(io.BytesIO(download("xlsx").content))
    assert book.sheetnames == ["results", "schema"]
    schema_names = [row[0] for row in book["schema"].iter_rows(min_row=2, values_only=True)]
    assert schema_names[: len(names)] == names


@pytest.mark.parametrize(
    ("fmt", "content_type"),
    [
        ("csv", "text/csv; charset=utf-8"),
        ("json", "application/json; charset=utf-8"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ],
)
def test_a_download_is_an_attachment_with_a_clear_name(fmt, content_type):
    dossier = published()
    response = download(fmt, edition=dossier.edition_id, status="")
    today = timezone.localdate().isoformat()
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == (
        f'attachment; filename="citizen-commune-label-results-edition-{dossier.edition_id}'
        f'-{today}.{fmt}"'
    )


# --- filters -------------------------------------------------------------------------------


@pytest.fixture
def spread():
    """Four published dossiers in two editions, two regions and three provinces."""
    north, south = RegionFactory(code="RN"), RegionFactory(code="RS")
    tangier, tetouan = ProvinceFactory(region=north), ProvinceFactory(region=north)
    agadir = ProvinceFactory(region=south)
    first, second = EditionFactory(), EditionFactory()
    return {
        "a": published(edition=first, commune=CommuneFactory(code="A1", province=tangier)),
        "b": published(edition=first, commune=CommuneFactory(code="B1", province=tetouan)),
        "c": published(edition=second, commune=CommuneFactory(code="C1", province=agadir)),
        "d": labelled(edition=second, commune=CommuneFactory(code="D1", province=tangier)),
        "editions": (first, second),
        "provinces": (tangier, tetouan, agadir),
    }


def test_the_filters_narrow_every_format(spread):
    first, second = spread["editions"]
    tangier, _tetouan, agadir = spread["provinces"]
    cases = [
        ({}, ["A1", "B1", "C1", "D1"]),
        ({"edition": first.pk}, ["A1", "B1"]),
        ({"region": "RN"}, ["A1", "B1", "D1"]),
        ({"province": tangier.code}, ["A1", "D1"]),
        ({"status": "active"}, ["D1"]),
        ({"status": "revoked"}, []),
        ({"edition": second.pk, "region": "RS"}, ["C1"]),
        ({"province": agadir.code, "region": "RN"}, []),
    ]
    for params, expected in cases:
        assert commune_codes(csv_rows(download("csv", **params))) == expected, params
        assert commune_codes(json_rows(download("json", **params))) == expected, params
        assert commune_codes(xlsx_rows(download("xlsx", **params))) == expected, params


@pytest.mark.parametrize(
    "params",
    [{"edition": "abc"}, {"edition": 99999}, {"region": "XX"}, {"status": "lost"}],
)
def test_an_unknown_filter_value_is_refused_with_a_message(spread, params):
    response = download("csv", **params)
    assert response.status_code == 400
    assert list(params)[0] in response.content.decode()
    page = Client().get(reverse("portal:open_data"), params)
    assert page.status_code == 200
    assert b'role="alert"' in page.content


def test_an_unknown_format_is_not_found():
    assert Client().get("/portal/open-data/results.pdf").status_code == 404


def test_the_page_keeps_the_filters_in_its_download_links(spread):
    first, _second = spread["editions"]
    response = Client().get(reverse("portal:open_data"), {"edition": first.pk, "region": "RN"})
    html = response.content.decode()
    for fmt in ("csv", "json", "xlsx"):
        assert f"/portal/open-data/results.{fmt}?edition={first.pk}&amp;region=RN" in html
    assert response.context["count"] == 2


# --- the schema page -----------------------------------------------------------------------


def test_the_page_documents_every_column_and_the_licence():
    published()
    response = Client().get(reverse("portal:open_data"))
    assert response.status_code == 200
    html = response.content.decode()
    names = [column.name for column in response.context["columns"]]
    assert names == list(csv_rows(download("csv"))[0])
    for name in names:
        assert f'<code dir="ltr">{name}</code>' in html
    assert "نسبة المبدأ المتحقق منها: المشاركة (%)" in html
    assert "Score vérifié du principe : Participation (%)" in html
    assert "Licence ouverte / رخصة مفتوحة" in html
    assert "ميزة الجماعة المواطنة" in html


# --- leaks ---------------------------------------------------------------------------------


def test_nothing_unpublished_or_non_final_appears_in_any_format_or_on_the_page():
    shown = published(overall="71.25")
    open_data_snapshot(shown, kind="provisional", overall="34.56", seed=44)
    scored = DossierFactory(state="provisionally_scored", commune=CommuneFactory(code="LEAK1"))
    open_data_snapshot(scored, kind="provisional", overall="12.34", seed=41)
    verified = DossierFactory(state="verified", commune=CommuneFactory(code="LEAK2"))
    open_data_snapshot(verified, overall="23.45", seed=42)
    DossierFactory(state="draft", commune=CommuneFactory(code="LEAK3"))
    early = DossierFactory(
        state="submitted", commune=CommuneFactory(code="LEAK4"), results_published_at=timezone.now()
    )
    open_data_snapshot(early, kind="provisional", overall="45.67", seed=43)
    secrets = ["LEAK1", "LEAK2", "LEAK3", "LEAK4", "12.34", "23.45", "34.56", "45.67"]
    bodies = [download("csv").content.decode(), download("json").content.decode()]
    bodies.append(json.dumps([list(r.values()) for r in xlsx_rows(download("xlsx"))], default=str))
    bodies.append(Client().get(reverse("portal:open_data")).content.decode())
    for body in bodies:
        for secret in secrets:
            assert secret not in body
    assert commune_codes(csv_rows(download("csv"))) == [shown.commune.code]


# --- query counts --------------------------------------------------------------------------


@pytest.mark.parametrize("count", [1, 10])
@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_a_download_costs_the_same_queries_with_1_and_10_dossiers(
    count, fmt, django_assert_num_queries
):
    edition = EditionFactory()
    labelled(edition=edition)
    for seed in range(count - 1):
        published(edition=edition, seed=seed)
    with django_assert_num_queries(7):
        response = download(fmt, region="", status="")
    assert response.status_code == 200


@pytest.mark.parametrize("count", [1, 10])
def test_the_page_costs_the_same_queries_with_1_and_10_dossiers(count, django_assert_num_queries):
    edition = EditionFactory()
    labelled(edition=edition)
    for seed in range(count - 1):
        published(edition=edition, seed=seed)
    with django_assert_num_queries(10):
        response = Client().get(reverse("portal:open_data"), {"edition": edition.pk})
    assert response.status_code == 200
