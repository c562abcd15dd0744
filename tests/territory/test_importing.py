from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from citizenlabel.territory.models import Commune, Province, Region
from citizenlabel.territory.services import DEMO_COMMUNES_FILE, import_communes

pytestmark = pytest.mark.django_db
HEADER = "code,name_ar,name_fr,province,kind,population\n"


def write(tmp_path: Path, text: str, name: str = "communes.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_it_ships_the_twelve_regions_and_75_provinces_and_prefectures():
    assert Region.objects.count() == 12
    assert Province.objects.count() == 75
    assert Province.objects.filter(kind="prefecture").count() == 13
    assert Region.objects.get(code="01").name["fr"] == "Tanger-Tétouan-Al Hoceïma"


def test_it_imports_the_demo_communes_from_two_regions_at_least():
    report = import_communes(path=DEMO_COMMUNES_FILE)
    assert report.created == Commune.objects.count() >= 20
    regions = set(Commune.objects.values_list("province__region__code", flat=True))
    assert {"01", "09"} <= regions


def test_it_updates_existing_communes_by_code(tmp_path):
    path = write(tmp_path, HEADER + "X1,شفشاون,Chefchaouen,01.151,urban,42000\n")
    import_communes(path=path)
    path = write(tmp_path, HEADER + "X1,شفشاون,Chefchaouen,01.151,urban,45000\n")
    report = import_communes(path=path)
    assert (report.created, report.updated) == (0, 1)
    assert Commune.objects.get(code="X1").population == 45000


def test_it_reports_every_bad_row_with_its_line_and_imports_none(tmp_path, capsys):
    path = write(
        tmp_path,
        HEADER
        + "A1,باب تازة,Bab Taza,01.151,rural,28000\n"
        + "A2,,,01.151,rural,1000\n"
        + "A3,تمرة,Tamra,99.999,rural,1000\n"
        + "A4,أ,A,01.151,village,abc\n"
        + "A1,مكرر,Double,01.151,rural,10\n",
    )
    with pytest.raises(CommandError):
        call_command("import_communes", str(path), "--lang", "fr")
    err = capsys.readouterr().err.splitlines()
    assert [line.split(":")[0] + ":" + line.split(":")[1] for line in err] == [
        "communes.csv:3",
        "communes.csv:4",
        "communes.csv:5",
        "communes.csv:5",
        "communes.csv:6",
    ]
    assert "99.999" in err[1]
    assert "village" in err[2]
    assert "abc" in err[3]
    assert "ligne 2" in err[4]
    assert Commune.objects.count() == 0


def test_it_reads_excel_files_and_arabic_kind_names(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["code", "name_ar", "name_fr", "province", "kind", "population"])
    sheet.append(["X9", "تيزنيت", "Tiznit", "09.581", "حضرية", 74699])
    workbook.save(tmp_path / "communes.xlsx")
    call_command("import_communes", str(tmp_path / "communes.xlsx"))
    commune = Commune.objects.get(code="X9")
    assert (commune.kind, commune.population, commune.province.code) == ("urban", 74699, "09.581")


def test_it_refuses_a_file_without_the_required_columns(tmp_path, capsys):
    path = write(tmp_path, "code,name\nA,B\n")
    with pytest.raises(CommandError):
        call_command("import_communes", str(path), "--lang", "fr")
    assert "communes.csv:1" in capsys.readouterr().err
