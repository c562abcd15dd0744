"""The minutes of a deliberation session and the decision letter: what they hold, in Arabic
and in French, and who may download them."""

import subprocess

import pytest
from django.urls import reverse

from citizenlabel.accreditation.services.decisions import decide, record_vote
from citizenlabel.accreditation.services.sessions import declare_conflict
from citizenlabel.reports.minutes import decision_letter_pdf, minutes_context, minutes_pdf
from tests.accreditation.test_sessions import convened, ready_dossier
from tests.factories import (
    CommuneFactory,
    EditionFactory,
    UserFactory,
    commune_people,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes, tmp_path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def named(first: str, last: str):
    from citizenlabel.people.enums import Role

    user = user_with_role(Role.ACCREDITATION)
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def deliberated():
    """Two dossiers: Chefchaouen labelled against the rules (one member recused), Ouazzane
    still pending; one member absent."""
    edition = EditionFactory(name={"ar": "نسخة 2027", "fr": "Édition 2027"})
    labelled = ready_dossier(
        edition, rules_met=False, commune=CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"})
    )
    pending = ready_dossier(edition, commune=CommuneFactory(name={"ar": "وزان", "fr": "Ouazzane"}))
    members = [named("Amina", "Berrada"), named("يوسف", "العلمي"), named("Karim", "Tazi")]
    session, members, coordination = convened(
        dossiers=[labelled, pending], members=members, present=members[:2]
    )
    first = session.agenda.get(dossier=labelled)
    declare_conflict(item=first, reason="ابن عم رئيس الجماعة", by=members[1])
    record_vote(item=first, choice="for", by=members[0])
    decide(item=first, outcome="label", justification="تحسن ملموس بعد الزيارة", by=members[0])
    return session, members, first


def test_the_minutes_list_attendance_agenda_votes_decisions_and_recusals(deliberated):
    session, members, first = deliberated
    context = minutes_context(session)
    assert [seat.user for seat in context["present"]] == [members[0], members[1]]
    assert [seat.user for seat in context["absent"]] == [members[2]]
    assert (context["invited"], context["quorum_reached"]) == (3, True)
    labelled, pending = context["items"]
    assert labelled.item == first
    assert labelled.votes == {"for": 1, "against": 0, "abstain": 0, "present": 2}
    assert labelled.decision.justification == "تحسن ملموس بعد الزيارة"
    assert [(r.member.user, r.reason) for r in labelled.recusals] == [
        (members[1], "ابن عم رئيس الجماعة")
    ]
    assert (pending.decision, pending.votes) == (None, {"for": 0, "against": 0, "abstain": 0})


def test_the_minutes_read_in_arabic_and_in_french(deliberated, tmp_path):
    session, _members, _first = deliberated
    arabic = pdf_text(minutes_pdf(session, "ar"), tmp_path)
    for expected in ("شفشاون", "وزان", "تحسن ملموس بعد الزيارة", "ابن عم رئيس الجماعة", "Amina"):
        assert expected in arabic
    french = pdf_text(minutes_pdf(session, "fr"), tmp_path)
    assert "Chefchaouen" in french and "Ouazzane" in french and "Karim Tazi" in french


def test_the_decision_letter_gives_the_decision_and_the_label(deliberated, tmp_path):
    _session, _members, first = deliberated
    first.refresh_from_db()
    text = pdf_text(decision_letter_pdf(first, "fr"), tmp_path)
    label = first.dossier.label
    assert "Chefchaouen" in text and label.code in text
    assert "تحسن ملموس بعد الزيارة" in pdf_text(decision_letter_pdf(first, "ar"), tmp_path)


def test_committee_and_coordination_download_the_minutes_others_get_404(client, deliberated):
    session, members, first = deliberated
    url = reverse("accreditation:minutes", args=[session.pk])
    for who in (members[2], session.convened_by):
        client.force_login(who)
        response = client.get(url + "?lang=fr")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        assert 'filename="minutes-2027-03-15-fr.pdf"' in response["Content-Disposition"]
    from citizenlabel.people.enums import Role

    for who in (user_with_role(Role.ACCREDITATION), team_member(first.dossier), UserFactory()):
        client.force_login(who)
        assert client.get(url).status_code == 404


def test_the_commune_downloads_its_decision_letter_and_no_other(client, deliberated):
    session, members, first = deliberated
    url = reverse("accreditation:letter", args=[session.pk, first.pk])
    focal, president = commune_people(first.dossier)
    other_focal, _other_president = commune_people(ready_dossier())
    for who in (focal, president, members[0], session.convened_by):
        client.force_login(who)
        response = client.get(url)
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), who
    for who in (other_focal, team_member(first.dossier)):
        client.force_login(who)
        assert client.get(url).status_code == 404
    pending = session.agenda.exclude(pk=first.pk).get()
    client.force_login(members[0])
    undecided = reverse("accreditation:letter", args=[session.pk, pending.pk])
    assert client.get(undecided).status_code == 404
