"""The certificate of a label: one landscape page, its facts, its code and its QR code."""

import re
import subprocess
from datetime import date
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from citizenlabel.accreditation.services.labels import revoke_label
from citizenlabel.reports.certificate import (
    certificate_context,
    certificate_pdf,
    qr_code,
    verification_url,
)
from citizenlabel.territory.models import Province, Region
from tests.factories import CommuneFactory, EditionFactory, coordination_member
from tests.factories.accreditation import granted_label

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).parents[2] / "test-artifacts"


@pytest.fixture
def label():
    region = Region.objects.create(
        code="T01", name={"ar": "جهة طنجة تطوان الحسيمة", "fr": "Tanger-Tétouan-Al Hoceïma"}
    )
    province = Province.objects.create(
        region=region,
        code="T01.151",
        kind="province",
        name={"ar": "إقليم شفشاون", "fr": "Province de Chefchaouen"},
    )
    return granted_label(
        commune=CommuneFactory(province=province, name={"ar": "شفشاون", "fr": "Chefchaouen"}),
        edition=EditionFactory(name={"ar": "النسخة الثالثة 2026", "fr": "Troisième édition 2026"}),
        on=date(2026, 3, 15),
    )


def pdf_info(content: bytes, tmp_path) -> tuple[str, str]:
    path = tmp_path / "certificate.pdf"
    path.write_bytes(content)
    run = {"capture_output": True, "text": True, "check": True}
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], **run).stdout
    info = subprocess.run(["pdfinfo", str(path)], **run).stdout
    return text, info


def save_png(content: bytes, name: str, tmp_path) -> None:
    """The page as a person sees it (test-artifacts/NAME.png), to look at."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(content)
    ARTIFACTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "70", "-singlefile", str(path), str(ARTIFACTS / name)],
        check=True,
    )


def test_the_arabic_certificate_is_one_landscape_page_with_its_facts(label, tmp_path):
    content = certificate_pdf(label, "ar")
    assert content.startswith(b"%PDF")
    save_png(content, "certificate-ar", tmp_path)
    text, info = pdf_info(content, tmp_path)
    assert re.search(r"Pages:\s+1\n", info)
    assert re.search(r"Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)", info)  # landscape
    # pdftotext reorders Arabic mixed with digits: the edition is looked for without its year.
    for fact in ("شفشاون", "إقليم شفشاون", "جهة طنجة تطوان الحسيمة", "النسخة الثالثة"):
        assert fact in text
    assert label.code in text
    assert "2026" in text and "2028" in text  # granted and valid until


def test_the_french_certificate(label, tmp_path):
    content = certificate_pdf(label, "fr")
    text, info = pdf_info(content, tmp_path)
    assert re.search(r"Pages:\s+1\n", info)
    for fact in ("Chefchaouen", "Province de Chefchaouen", "Troisième édition 2026", label.code):
        assert fact in text
    assert "15 mars 2026" in text and "15 mars 2028" in text
    save_png(content, "certificate-fr", tmp_path)


def test_the_qr_code_holds_the_public_verification_url(label, settings):
    settings.SITE_URL = "https://label.example.ma"
    url = verification_url(label)
    assert url == f"https://label.example.ma/labels/verify/{label.code}/"
    with translation.override("ar"):
        context = certificate_context(label)
    # The same data give the same symbol: the image is the QR code of exactly this URL.
    expected = qr_code(url).svg_data_uri(dark="#000", light="#fff", border=4, omitsize=True)
    assert context["qr"] == expected
    assert context["qr"].startswith("data:image/svg+xml")
    assert qr_code(url).matrix != qr_code(url.replace(label.code[-1], "#")).matrix


def printed_modules(content: bytes, tmp_path, size: int) -> list[list[int]]:
    """Read the QR symbol printed on the Arabic certificate back into modules: the page is
    rasterised (300 dpi, grey), cut around the code's place at the bottom inline end (the
    left of the page, right-to-left), and each module's centre is read dark or light."""
    path = tmp_path / "qr.pdf"
    path.write_bytes(content)
    dpi, mm = 300, 300 / 25.4
    box = {"x": 229 * mm, "y": 150 * mm, "W": 40 * mm, "H": 43 * mm}
    crop = [arg for key, value in box.items() for arg in (f"-{key}", str(int(value)))]
    out = tmp_path / "qr"
    subprocess.run(["pdftoppm", "-gray", "-r", str(dpi), *crop, "-singlefile", str(path), str(out)])
    raw = (tmp_path / "qr.pgm").read_bytes()
    _magic, width, height, _max, pixels = raw.split(maxsplit=4)
    width, height = int(width), int(height)
    dark = [[pixels[y * width + x] < 128 for x in range(width)] for y in range(height)]
    rows = [y for y in range(height) if any(dark[y])]
    cols = [x for x in range(width) if any(dark[y][x] for y in rows)]
    top, left = rows[0], cols[0]
    step = (cols[-1] - left + 1) / size
    assert abs((rows[-1] - top + 1) / size - step) < 0.5, "the symbol is not square"
    return [
        [int(dark[int(top + (r + 0.5) * step)][int(left + (c + 0.5) * step)]) for c in range(size)]
        for r in range(size)
    ]


def test_the_printed_qr_code_reads_back_as_the_verification_url(label, tmp_path):
    """Decoded without a QR library: the modules printed on the page are exactly those of
    the verification URL's symbol (segno's own encoding), not mirrored by the RTL layout."""
    symbol = qr_code(verification_url(label))
    expected = [list(row) for row in symbol.matrix]
    printed = printed_modules(certificate_pdf(label, "ar"), tmp_path, len(expected))
    assert printed == expected
    assert printed != [row[::-1] for row in expected]


def test_a_revoked_labels_certificate_says_it_is_no_longer_in_force(label, tmp_path):
    revoke_label(label=label, reason="إخلال", by=coordination_member())
    text, _info = pdf_info(certificate_pdf(label, "fr"), tmp_path)
    assert label.code in text
    with translation.override("fr"):
        assert gettext("Revoked") in text


def test_the_certificate_view_answers_a_pdf_in_arabic_or_french(label):
    client = Client()
    client.force_login(coordination_member())
    url = reverse("accreditation:certificate", args=[label.pk])
    arabic = client.get(url)
    assert arabic["Content-Type"] == "application/pdf"
    assert arabic["Content-Disposition"] == f'inline; filename="certificate-{label.code}-ar.pdf"'
    assert arabic.content.startswith(b"%PDF")
    french = client.get(url, {"lang": "fr"})
    assert french["Content-Disposition"].endswith(f'certificate-{label.code}-fr.pdf"')
    odd = client.get(url, {"lang": "xx"})
    assert odd["Content-Disposition"].endswith('-ar.pdf"')
