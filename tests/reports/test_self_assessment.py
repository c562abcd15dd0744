import re
import subprocess

import pytest
from django.urls import reverse

from citizenlabel.dossiers.services.approval import approve_self_assessment, send_for_approval
from citizenlabel.dossiers.services.selfassessment import attach_evidence, save_answer
from citizenlabel.referential.models import Question
from citizenlabel.reports.self_assessment import self_assessment_pdf
from tests.factories import (
    CommuneFactory,
    commune_people,
    dossier_in_self_assessment,
    pdf,
    team_member,
)
from tests.reports.conftest import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("media_in_tmp")]


@pytest.fixture
def submitted():
    dossier = dossier_in_self_assessment(
        commune=CommuneFactory(name={"ar": "تيزنيت", "fr": "Tiznit"})
    )
    focal, president = commune_people(dossier)
    question = Question.objects.get(referential=dossier.edition.referential, code="1.1.1")
    save_answer(
        dossier=dossier,
        question=question,
        options=["d"],
        comment="محضر الانتخاب",
        seen_version=0,
        by=focal,
    )
    attach_evidence(dossier=dossier, question=question, upload=pdf("proces-verbal.pdf"), by=focal)
    send_for_approval(dossier=dossier, by=focal)
    approve_self_assessment(dossier=dossier, by=president)
    return dossier


def test_the_french_report_holds_the_commune_the_scores_and_the_evidence(submitted, tmp_path):
    text = pdf_text(self_assessment_pdf(submitted, "fr"), tmp_path)
    assert "Tiznit" in text
    assert "proces-verbal.pdf" in text
    assert re.search(r"\b6\s*/\s*6\b", text)  # 1.1.1: option d = 3 points × weight 2
    overall = submitted.submissions.get().scores["overall"]
    assert f"{overall:.1f}".replace(".", ",") in text


def test_the_arabic_report_is_a_real_multi_page_pdf(submitted, tmp_path):
    content = self_assessment_pdf(submitted, "ar")
    assert content.startswith(b"%PDF")
    path = tmp_path / "ar.pdf"
    path.write_bytes(content)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(
        next(line for line in info.stdout.splitlines() if line.startswith("Pages:")).split()[1]
    )
    assert pages >= 5  # the summary, then one section per field


def test_only_those_who_see_the_dossier_get_its_report(client, submitted):
    url = reverse("dossiers:report", args=[submitted.pk])
    client.force_login(commune_people(dossier_in_self_assessment())[1])
    assert client.get(url).status_code == 404
    client.force_login(team_member(submitted))
    response = client.get(url, {"lang": "fr"})
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
