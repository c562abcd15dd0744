"""The verification report as PDF: what it holds, in which language, and who gets it."""

import re
import subprocess

import pytest
from django.urls import reverse

from citizenlabel.reports.verification import verification_pdf
from citizenlabel.verification.services.results import publish_verification_results
from tests.factories import CommuneFactory, dossier_in_self_assessment, team_member
from tests.factories.verification import (
    COMPONENTS,
    add_diagnosis,
    dossier_in_verification,
    score_components,
    verified_dossier,
)
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def verified():
    dossier, verifier, coordination, focal = verified_dossier(
        commune=CommuneFactory(name={"ar": "تيزنيت", "fr": "Tiznit"})
    )
    add_diagnosis(dossier)
    return dossier, verifier, coordination, focal


def test_the_french_report_holds_the_commune_the_final_score_and_a_verified_reason(
    verified, tmp_path
):
    dossier = verified[0]
    text = pdf_text(verification_pdf(dossier, "fr"), tmp_path)
    assert "Tiznit" in text
    assert re.search(r"24,82\s*%", text)  # the final score as recorded
    assert "procès-verbal incomplet" in text  # the reason given for 1.1.1
    assert re.search(r"6\s*/\s*6", text) and re.search(r"4\s*/\s*6", text)  # declared → verified
    assert "Amina Berrada" in text
    assert "Réunir l'instance de l'équité chaque trimestre" in text
    assert "Pas de suivi des pétitions" in text


def test_the_arabic_report_is_the_default_and_a_real_pdf(client, verified, tmp_path):
    dossier, verifier, _coordination, _focal = verified
    client.force_login(verifier)
    response = client.get(reverse("verification:report", args=[dossier.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith(f'-{"ar"}.pdf"')
    path = tmp_path / "ar.pdf"
    path.write_bytes(response.content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))
    assert pages >= 4
    assert "تيزنيت" in pdf_text(response.content, tmp_path)


def test_french_on_request(client, verified):
    dossier, verifier, _coordination, _focal = verified
    client.force_login(verifier)
    response = client.get(reverse("verification:report", args=[dossier.pk]), {"lang": "fr"})
    assert response["Content-Disposition"].endswith('-fr.pdf"')


def test_the_commune_gets_the_report_only_once_published(client, verified):
    dossier, _verifier, coordination, focal = verified
    url = reverse("verification:report", args=[dossier.pk])
    client.force_login(focal)
    assert client.get(url).status_code == 404
    publish_verification_results(dossier=dossier, by=coordination)
    response = client.get(url, {"lang": "fr"})
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_another_team_gets_404(client, verified):
    dossier = verified[0]
    client.force_login(team_member(dossier_in_self_assessment()))
    assert client.get(reverse("verification:report", args=[dossier.pk])).status_code == 404


def test_before_the_final_score_the_report_shows_the_components_as_they_stand(tmp_path):
    dossier, verifier, _coordination, _focal = dossier_in_verification(
        commune=CommuneFactory(name={"ar": "أصيلة", "fr": "Asilah"})
    )
    score_components(dossier, verifier, COMPONENTS[:1])
    text = pdf_text(verification_pdf(dossier, "fr"), tmp_path)
    assert "Asilah" in text
    assert re.search(r"75,0\s*%", text)  # the one component scored so far
    assert "24,82" not in text
