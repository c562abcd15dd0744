import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from citizenlabel.dossiers.models import Candidacy, Dossier, DossierFile, EligibilityCondition
from citizenlabel.dossiers.services.candidacy import decide_eligibility, start_candidacy
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    EditionFactory,
    TechnicalTeamFactory,
    commune_people,
    coordination_member,
    pdf,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def candidacy_post(**overrides) -> dict:
    data = {
        "council_session": "الدورة العادية لشهر فبراير",
        "deliberation_number": "12/2026",
        "deliberation_date": "2026-02-10",
        "address": "مقر الجماعة",
        "phone": "0539000000",
        "email": "contact@commune.ma",
        "website": "",
        "team-TOTAL_FORMS": "2",
        "team-INITIAL_FORMS": "0",
        "team-0-full_name": "فاطمة",
        "team-0-function": "نائبة الرئيس",
        "team-0-kind": "council",
        "team-0-gender": "woman",
        "team-0-is_opposition": "on",
    }
    return {**data, **overrides}


def test_a_commune_applies_only_to_an_open_call_that_targets_it():
    commune = CommuneFactory()
    focal = user_with_role(Role.FOCAL_POINT, commune=commune)
    closed, elsewhere = EditionFactory(call_opened_at=None), EditionFactory()
    closed.target_communes.set([commune])
    for edition in (closed, elsewhere):
        with pytest.raises(ValidationError):
            start_candidacy(edition=edition, commune=commune, by=focal)
    open_edition = EditionFactory()
    open_edition.target_communes.set([commune])
    dossier = start_candidacy(edition=open_edition, commune=commune, by=focal)
    assert start_candidacy(edition=open_edition, commune=commune, by=focal) == dossier
    assert dossier.state == "draft"


def test_a_commune_cannot_apply_for_another_commune():
    commune, other = CommuneFactory(), CommuneFactory()
    edition = EditionFactory()
    edition.target_communes.set([commune, other])
    with pytest.raises(PermissionDenied):
        start_candidacy(
            edition=edition, commune=other, by=user_with_role(Role.PRESIDENT, commune=commune)
        )
    assert Dossier.objects.count() == 0


def test_the_focal_point_fills_the_candidacy_and_the_president_submits_it(client):
    dossier = DossierFactory()
    focal, president = commune_people(dossier)
    client.force_login(focal)
    url = reverse("dossiers:candidacy", args=[dossier.pk])
    response = client.post(url, {**candidacy_post(), "deliberation": pdf("مداولة.pdf")})
    assert response.status_code == 302
    candidacy = Candidacy.objects.get(dossier=dossier)
    assert candidacy.deliberation_file.original_name == "مداولة.pdf"
    assert [(m.full_name, m.is_opposition) for m in dossier.focal_team.all()] == [("فاطمة", True)]
    client.post(reverse("dossiers:submit_candidacy", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == "draft"  # the focal point may not submit
    client.force_login(president)
    client.post(reverse("dossiers:submit_candidacy", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == "candidacy_submitted"
    assert Candidacy.objects.get(dossier=dossier).submitted_by == president


def test_a_deliberation_that_is_not_a_pdf_is_refused_and_nothing_is_saved(client):
    dossier = DossierFactory()
    client.force_login(commune_people(dossier)[0])
    fake = SimpleUploadedFile("deliberation.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    response = client.post(
        reverse("dossiers:candidacy", args=[dossier.pk]), {**candidacy_post(), "deliberation": fake}
    )
    assert "deliberation" in response.context["form"].errors
    assert Candidacy.objects.count() == DossierFile.objects.count() == 0


def test_an_incomplete_candidacy_cannot_be_submitted(client):
    dossier = DossierFactory()
    client.force_login(commune_people(dossier)[1])
    client.post(reverse("dossiers:submit_candidacy", args=[dossier.pk]))
    dossier.refresh_from_db()
    assert dossier.state == "draft"


def test_another_commune_gets_404_everywhere_and_a_forged_post_changes_nothing(client):
    dossier = DossierFactory()
    client.force_login(commune_people(DossierFactory())[1])
    for name in ("dossiers:detail", "dossiers:candidacy", "dossiers:eligibility"):
        assert client.get(reverse(name, args=[dossier.pk])).status_code == 404
    response = client.post(reverse("dossiers:candidacy", args=[dossier.pk]), candidacy_post())
    assert response.status_code == 404
    assert client.post(reverse("dossiers:submit_candidacy", args=[dossier.pk])).status_code == 404
    assert Candidacy.objects.count() == 0


def eligibility_setup():
    dossier = DossierFactory(state="candidacy_submitted")
    conditions = [
        EligibilityCondition.objects.create(edition=dossier.edition, text={"ar": f"شرط {i}"})
        for i in range(2)
    ]
    return dossier, conditions


def test_the_coordination_declares_a_dossier_ineligible_with_a_reason_the_commune_sees(client):
    dossier, conditions = eligibility_setup()
    member = coordination_member()
    client.force_login(member)
    url = reverse("dossiers:eligibility", args=[dossier.pk])
    data = {f"met_{conditions[0].pk}": "on", "decision": "ineligible", "reason": ""}
    response = client.post(url, data)
    assert response.status_code == 200  # no reason: refused
    dossier.refresh_from_db()
    assert dossier.state == "candidacy_submitted"
    client.post(url, {**data, "reason": "المداولة غير موقعة"})
    dossier.refresh_from_db()
    assert (dossier.state, dossier.eligibility_reason) == ("ineligible", "المداولة غير موقعة")
    client.force_login(commune_people(dossier)[0])
    html = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert "المداولة غير موقعة" in html


def test_eligible_needs_every_condition_met_and_assigns_the_team():
    dossier, conditions = eligibility_setup()
    team, member = TechnicalTeamFactory(), coordination_member()
    checks = {conditions[0].pk: (True, ""), conditions[1].pk: (False, "")}
    with pytest.raises(ValidationError):
        decide_eligibility(
            dossier=dossier, checks=checks, eligible=True, reason="", technical_team=team, by=member
        )
    checks[conditions[1].pk] = (True, "")
    decide_eligibility(
        dossier=dossier, checks=checks, eligible=True, reason="", technical_team=team, by=member
    )
    dossier.refresh_from_db()
    assert (dossier.state, dossier.technical_team) == ("eligible", team)
    assert dossier.eligibility_checks.filter(met=True).count() == 2


def test_the_inbox_filters_and_costs_the_same_queries_whatever_the_number(
    client, django_assert_max_num_queries
):
    client.force_login(coordination_member())
    url = reverse("dossiers:candidacy_inbox")
    DossierFactory(state="candidacy_submitted")
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 1
    for _ in range(12):
        DossierFactory(state="candidacy_submitted")
    DossierFactory(state="draft")
    with django_assert_max_num_queries(14):
        response = client.get(url)
    assert len(response.context["page"].object_list) == 13
    region = Dossier.objects.first().commune.province.region
    response = client.get(url, {"region": region.pk, "state": "all"})
    assert all(d.commune.province.region == region for d in response.context["page"])


def test_the_inbox_is_hidden_from_communes_and_teams(client):
    client.force_login(user_with_role(Role.FOCAL_POINT, commune=CommuneFactory()))
    assert client.get(reverse("dossiers:candidacy_inbox")).status_code == 404
