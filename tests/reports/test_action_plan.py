import re
import subprocess
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citizenlabel.actionplans.models import (
    Assumption,
    Effect,
    Measurement,
    ResultTarget,
    SpecificObjective,
)
from citizenlabel.actionplans.selectors_dashboard import plan_dashboard
from citizenlabel.actionplans.services.updated_score import record_updated_score
from citizenlabel.reports.action_plan import action_plan_pdf, logframe_rows
from tests.factories import (
    commune_people,
    dossier_with_running_plan,
    finish_reverification,
    plan_activity,
    plan_indicator,
    plan_result,
    question,
    team_member,
)
from tests.factories.actionplans import evaluated_plan
from tests.reports.conftest import pdf_text


def words(text: str) -> str:
    return " ".join(text.split())  # table cells wrap: compare words, not lines


pytestmark = pytest.mark.django_db


def page_sizes(content: bytes, tmp_path) -> list[tuple[float, float]]:
    path = tmp_path / "sizes.pdf"
    path.write_bytes(content)
    info = subprocess.run(
        ["pdfinfo", "-f", "1", "-l", "99", str(path)], capture_output=True, text=True, check=True
    ).stdout
    sizes = re.findall(r"size:\s+([\d.]+) x ([\d.]+) pts", info)
    return [(round(float(w)), round(float(h))) for w, h in sizes]


def fill_plan(plan) -> None:
    """An objective, two results (one linked to question 1.1.1), activities in every state,
    indicators with measurements, assumptions."""
    today = timezone.localdate()
    plan.starts_on, plan.ends_on = today - timedelta(days=150), today + timedelta(days=200)
    plan.save()
    objective = SpecificObjective.objects.create(plan=plan, text="تعزيز تمثيلية النساء")
    women = plan_result(plan, "رفع نسبة النساء في مكتب المجلس", objective=objective, position=1)
    ResultTarget.objects.create(
        result=women, question=question(plan.dossier, "1.1.1"), options=["d"]
    )
    openness = plan_result(plan, "Publier les procès-verbaux des sessions", position=2)
    plan_activity(
        plan,
        title="ورشة تحسيسية لفائدة المنتخبات",
        days=(-140, -100),
        result=women,
        status="done",
        percent_done=100,
        budget=8000,
        spent=7600,
    )
    plan_activity(
        plan,
        title="Atelier de formation des élues",
        days=(-60, 40),
        result=women,
        status="in_progress",
        percent_done=10,
        budget=15000,
        spent=3000,
    )
    plan_activity(
        plan,
        title="نشر محاضر الدورات على الموقع",
        days=(-30, 60),
        result=openness,
        status="in_progress",
        percent_done=50,
        budget=5000,
    )
    plan_activity(
        plan,
        title="Charte de transparence",
        days=(30, 180),
        result=openness,
        responsible="Le secrétaire général",
        budget=2000,
    )
    rate = plan_indicator(
        plan,
        name="Taux de femmes au bureau du conseil",
        baseline=10,
        target=30,
        unit="%",
        result=women,
    )
    plan_indicator(
        plan,
        name="مدة نشر المحاضر",
        baseline=60,
        target=15,
        unit="يوم",
        result=openness,
        frequency="monthly",
    )
    plan_indicator(plan, name="عدد العرائض المقبولة", baseline=0, target=4, level="overall")
    recorder = team_member(plan.dossier)
    for days, value in ((120, 12), (60, 18), (10, 22)):
        Measurement.objects.create(
            indicator=rate,
            measured_on=today - timedelta(days=days),
            value=value,
            recorded_by=recorder,
        )
    Assumption.objects.create(
        plan=plan, level="result", result=women, text="استمرار التزام الأحزاب بترشيح النساء"
    )
    Assumption.objects.create(plan=plan, level="overall", text="Stabilité du conseil")


@pytest.fixture
def plan():
    dossier, verifier = evaluated_plan()
    plan = dossier.action_plan
    fill_plan(plan)
    Effect.objects.create(
        evaluation=plan.evaluation, kind="equality", text="Trois élues au bureau du conseil"
    )
    finish_reverification(dossier, verifier)  # 1.1.1, targeted by fill_plan, at its verified c
    record_updated_score(dossier=dossier, by=verifier)
    return plan


def test_the_logframe_nests_results_under_objectives_and_activities_under_results(plan):
    board = plan_dashboard(plan, timezone.localdate())
    rows = logframe_rows(plan, board.timeline, board.indicators)
    assert [(row.level, row.number) for row in rows] == [
        ("overall", ""),
        ("specific", "1"),
        ("result", "1"),
        ("activity", "1.1"),
        ("activity", "1.2"),
        ("result", "2"),
        ("activity", "2.1"),
        ("activity", "2.2"),
    ]
    assert [i.name for i in rows[0].indicators] == ["عدد العرائض المقبولة"]
    assert [a.text for a in rows[2].assumptions] == ["استمرار التزام الأحزاب بترشيح النساء"]
    assert [o.code for o in rows[2].result.targets.all()[0].reached] == ["d"]


def test_the_french_pdf_holds_the_logframe_timeline_dashboard_and_evaluation(plan, tmp_path):
    content = action_plan_pdf(plan.dossier, "fr")
    text = words(pdf_text(content, tmp_path))
    assert "Atelier de formation des élues" in text  # an activity
    assert "Taux de femmes au bureau du conseil" in text  # an indicator
    assert "Stabilité du conseil" in text  # an assumption
    assert "Trois élues au bureau du conseil" in text  # an effect
    updated = plan.dossier.snapshots.get(kind="updated").overall
    assert f"{updated:.2f}".replace(".", ",") in text


def test_the_timeline_has_its_own_a4_landscape_page(plan, tmp_path):
    sizes = page_sizes(action_plan_pdf(plan.dossier, "ar"), tmp_path)
    portrait, landscape = (595, 842), (842, 595)
    assert sizes[0] == portrait
    assert landscape in sizes
    assert sizes[-1] == portrait  # back to portrait for the dashboard and the evaluation


def test_the_arabic_pdf_is_in_arabic(plan, tmp_path):
    text = words(pdf_text(action_plan_pdf(plan.dossier, "ar"), tmp_path))
    assert "خطة العمل" in text
    assert "تعزيز تمثيلية النساء" in text


def test_the_pdf_is_served_in_arabic_by_default_and_in_french_on_request(client, plan):
    client.force_login(commune_people(plan.dossier)[0])
    url = reverse("actionplans:report", args=[plan.dossier.pk])
    response = client.get(url)
    assert response["Content-Type"] == "application/pdf"
    code = plan.dossier.commune.code
    assert response["Content-Disposition"] == f'inline; filename="action-plan-{code}-ar.pdf"'
    response = client.get(url + "?lang=fr")
    assert response["Content-Disposition"] == f'inline; filename="action-plan-{code}-fr.pdf"'


def test_outsiders_get_404_for_the_pdf(client):
    plan = dossier_with_running_plan()
    other = dossier_with_running_plan().dossier
    client.force_login(team_member(other))
    assert client.get(reverse("actionplans:report", args=[plan.dossier.pk])).status_code == 404
