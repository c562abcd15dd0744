"""The minutes of a deliberation session and the decision letter: what they hold, in Arabic
and in French, and who may download them."""

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from citizenlabel.accreditation.enums import Outcome, VoteChoice
from citizenlabel.accreditation.selectors import letter_item_for_user
from citizenlabel.accreditation.services.decisions import open_round
from citizenlabel.accreditation.services.sessions import declare_conflict
from citizenlabel.reports.minutes import decision_letter_pdf, minutes_context, minutes_pdf
from tests.factories import (
    CommuneFactory,
    EditionFactory,
    UserFactory,
    commune_people,
    team_member,
    user_with_role,
)
from tests.factories.accreditation import convened, ready_dossier, vote_and_close
from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db


def named(first: str, last: str):
    from citizenlabel.people.enums import Role

    user = user_with_role(Role.ACCREDITATION)
    user.first_name, user.last_name = first, last
    user.save()
    return user


@pytest.fixture
def deliberated():
    """Two dossiers: Chefchaouen, whose proposal (an action plan) was rejected in a first
    round, then labelled against the rules in a second (Youssef recused); Ouazzane still
    pending. Amina chairs, Youssef is the secretary, Leila is absent."""
    edition = EditionFactory(name={"ar": "نسخة 2026", "fr": "Édition 2026"})
    labelled = ready_dossier(
        edition, rules_met=False, commune=CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"})
    )
    pending = ready_dossier(edition, commune=CommuneFactory(name={"ar": "وزان", "fr": "Ouazzane"}))
    members = [
        named("Amina", "Berrada"),
        named("يوسف", "العلمي"),
        named("Karim", "Tazi"),
        named("Leila", "Alaoui"),
    ]
    session, members, coordination = convened(
        dossiers=[labelled, pending], members=members, present=members[:3]
    )
    amina, youssef, karim, _leila = members
    first = session.agenda.get(dossier=labelled)
    declare_conflict(item=first, reason="ابن عم رئيس الجماعة", by=youssef)
    vote_and_close(first, {amina: "against", karim: "against"}, by=amina)
    open_round(item=first, outcome="label", by=amina)
    vote_and_close(
        first, {amina: "for", karim: "abstain"}, by=amina, justification="تحسن ملموس بعد الزيارة"
    )
    return session, members, first


def test_the_minutes_list_attendance_agenda_rounds_decisions_and_recusals(deliberated):
    session, members, first = deliberated
    context = minutes_context(session)
    by_name = sorted(members[:3], key=lambda user: user.last_name)  # as the minutes list them
    assert [seat.user for seat in context["present"]] == by_name
    assert [seat.user for seat in context["absent"]] == [members[3]]
    assert (context["invited"], context["quorum_reached"]) == (4, True)
    labelled, pending = context["items"]
    assert labelled.item == first
    assert [(r.number, r.outcome, r.result) for r in labelled.rounds] == [
        (1, "action_plan", "rejected"),
        (2, "label", "adopted"),
    ]
    assert [r.tally for r in labelled.rounds] == [
        {"for": 0, "against": 2, "abstain": 0, "voters": 2, "present": 3, "casting": ""},
        {"for": 1, "against": 0, "abstain": 1, "voters": 2, "present": 3, "casting": ""},
    ]
    assert [[(v.member.user, v.choice) for v in r.votes.all()] for r in labelled.rounds] == [
        [(members[0], "against"), (members[2], "against")],
        [(members[0], "for"), (members[2], "abstain")],
    ]
    assert labelled.decision.justification == "تحسن ملموس بعد الزيارة"
    assert [(r.member.user, r.reason) for r in labelled.recusals] == [
        (members[1], "ابن عم رئيس الجماعة")
    ]
    assert (pending.decision, [r.result for r in pending.rounds]) == (None, ["open"])


def vote_lines(language: str) -> list[str]:
    """Each member's vote as the documents print it, in `language`."""
    with translation.override(language):
        choices = {c: str(VoteChoice(c).label) for c in VoteChoice.values}
    return [
        f"Amina Berrada: {choices['against']}",
        f"Karim Tazi: {choices['against']}",
        f"Amina Berrada: {choices['for']}",
        f"Karim Tazi: {choices['abstain']}",
    ]


def printed_rounds(text: str) -> list[str]:
    """The lines of a PDF's text that hold a member's vote, in the order printed."""
    wanted = ("Amina Berrada:", "Karim Tazi:")
    lines = [line.strip().lstrip("• ") for line in text.splitlines()]
    return [line for line in lines if line.startswith(wanted)]


def round_titles(language: str) -> list[str]:
    with translation.override(language):
        return [
            gettext("Round %(number)s on “%(outcome)s”") % {"number": n, "outcome": o.label}
            for n, o in ((1, Outcome.ACTION_PLAN), (2, Outcome.LABEL))
        ]


def document_pdf(document: str, session, item, language: str) -> bytes:
    if document == "minutes":
        return minutes_pdf(session, language)
    item = letter_item_for_user(session.convened_by, session.pk, item.pk)  # as the view reads
    return decision_letter_pdf(item, language)


@pytest.mark.parametrize("document", ["minutes", "letter"])
def test_the_minutes_and_the_letter_print_every_round_each_vote_and_each_recusal(
    deliberated, tmp_path, document
):
    session, _members, first = deliberated
    french = pdf_text(document_pdf(document, session, first, "fr"), tmp_path)
    assert printed_rounds(french) == vote_lines("fr")
    for expected in (*round_titles("fr"), "ابن عم رئيس الجماعة", "Chefchaouen"):
        assert expected in french, expected
    # The tallies, row by row: for, against, abstain, members who could vote.
    assert [line.split() for line in french.splitlines() if line.split()[:1] in (["0"], ["1"])][
        :2
    ] == [["0", "2", "0", "2"], ["1", "0", "1", "2"]]
    arabic = pdf_text(document_pdf(document, session, first, "ar"), tmp_path)
    assert "ابن عم رئيس الجماعة" in arabic and "تحسن ملموس بعد الزيارة" in arabic


def test_the_minutes_read_in_arabic_and_in_french(deliberated, tmp_path):
    session, _members, _first = deliberated
    arabic = pdf_text(minutes_pdf(session, "ar"), tmp_path)
    for expected in ("شفشاون", "وزان", "تحسن ملموس بعد الزيارة", "ابن عم رئيس الجماعة", "Amina"):
        assert expected in arabic
    french = pdf_text(minutes_pdf(session, "fr"), tmp_path)
    assert "Chefchaouen" in french and "Ouazzane" in french and "Leila Alaoui" in french


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
    for who in (members[3], session.convened_by):
        client.force_login(who)
        response = client.get(url + "?lang=fr")
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")
        filename = f'filename="minutes-{session.date.isoformat()}-fr.pdf"'
        assert filename in response["Content-Disposition"]
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
