"""Deliberation sessions: convening, the agenda, attendance, conflicts of interest, votes and
decisions — the services, then the pages, for every role including the outsider."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from citizenlabel.accreditation.models import (
    AgendaItem,
    Decision,
    DeliberationSession,
    Recusal,
    SessionMember,
    Vote,
)
from citizenlabel.accreditation.services.decisions import decide, record_vote
from citizenlabel.accreditation.services.sessions import (
    add_agenda_item,
    convene_session,
    decide_item,
    declare_conflict,
    record_attendance,
    remove_agenda_item,
)
from citizenlabel.people.enums import Role
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.models import Proposal, ScoreSnapshot
from citizenlabel.verification.selectors import score_of
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    EditionFactory,
    TechnicalTeamFactory,
    UserFactory,
    commune_people,
    coordination_member,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db


# --- helpers (shared by the minutes and the browser tests) ------------------------------


def best_answers(spec) -> dict[str, list[str]]:
    """Every question at its best option: every rule of the edition is met."""
    answers = {}
    for _field, question in spec.questions():
        options = [o for o in question.options if not o.not_applicable]
        if question.kind == "multiple":
            answers[question.code] = [o.code for o in options]
        else:
            answers[question.code] = [max(options, key=lambda o: o.points).code]
    return answers


def half_answers(spec) -> dict[str, list[str]]:
    """Every other question at its best option, the rest unanswered: the rules are not met."""
    return {code: options for n, (code, options) in enumerate(best_answers(spec).items()) if n % 2}


def snapshot_of(dossier, kind: str, *, rules_met: bool, by, overall=None) -> ScoreSnapshot:
    spec = referential_spec(dossier.edition.referential)
    answers = best_answers(spec) if rules_met else half_answers(spec)
    result = score_of(spec, answers)
    as_map = lambda values: {k: round(float(v), 2) for k, v in values.items()}  # noqa: E731
    questionnaire = round(float(result.overall or 0), 2)
    return ScoreSnapshot.objects.create(
        dossier=dossier,
        kind=kind,
        overall=Decimal(str(overall if overall is not None else (92.5 if rules_met else 31.25))),
        questionnaire=Decimal(str(questionnaire)),
        points=Decimal(float(result.points)).quantize(Decimal("0.001")),
        maximum=Decimal(float(result.maximum)).quantize(Decimal("0.001")),
        by_field=as_map(result.by_field),
        by_principle=as_map(result.by_principle),
        answers=answers,
        referential_code=spec.code,
        referential_version=spec.version,
        created_by=by,
    )


def ready_dossier(edition=None, *, rules_met=True, state="verified", commune=None, **kwargs):
    """A dossier the committee can deliberate on: verified with its final score and the
    coordination's proposal, or evaluated after its plan with an updated score."""
    coordination = coordination_member()
    dossier = DossierFactory(
        edition=edition or EditionFactory(),
        commune=commune or CommuneFactory(),
        state=state,
        technical_team=TechnicalTeamFactory(),
        **kwargs,
    )
    snapshot_of(dossier, "final", rules_met=rules_met and state == "verified", by=coordination)
    if state == "verified":
        Proposal.objects.create(
            dossier=dossier,
            recommendation="label" if rules_met else "action_plan",
            justification="" if rules_met else "عتبة غير مبلوغة",
            prepared_by=coordination,
        )
    else:
        snapshot_of(dossier, "updated", rules_met=rules_met, by=coordination, overall=74.5)
    return dossier


def committee(n: int):
    return [user_with_role(Role.ACCREDITATION) for _ in range(n)]


def convened(*, dossiers=None, members=None, quorum=2, present=None):
    """(session, members, coordination): a session of 3 members, all present by default."""
    coordination = coordination_member()
    dossiers = dossiers or [ready_dossier()]
    members = members or committee(3)
    session = DeliberationSession(
        edition=dossiers[0].edition, date=date(2027, 3, 15), place="الرباط", quorum=quorum
    )
    convene_session(session=session, members=members, dossiers=dossiers, by=coordination)
    seats = {seat.user_id: seat.pk for seat in session.members.all()}
    chosen = members if present is None else present
    record_attendance(session=session, present=[seats[u.pk] for u in chosen], by=coordination)
    return session, members, coordination


def counts() -> tuple[int, ...]:
    return (
        DeliberationSession.objects.count(),
        SessionMember.objects.count(),
        AgendaItem.objects.count(),
        Recusal.objects.count(),
        Vote.objects.count(),
        Decision.objects.count(),
    )


def messages_of(error) -> list[str]:
    return error.value.messages


# --- convening -----------------------------------------------------------------------------


def test_convening_puts_each_dossier_on_the_agenda_with_its_proposal_as_it_stands():
    dossier = ready_dossier(rules_met=True)
    session, members, coordination = convened(dossiers=[dossier])
    item = session.agenda.get()
    final = dossier.snapshots.get(kind="final")
    assert session.convened_by == coordination
    assert sorted(session.members.values_list("user_id", flat=True)) == sorted(
        m.pk for m in members
    )
    assert (item.proposal["recommendation"], item.proposal["kind"]) == ("label", "final")
    assert (item.proposal["score"], item.proposal["snapshot"]) == (92.5, final.pk)
    rules = item.proposal["rules"]
    assert (rules["all_met"], rules["threshold"], rules["floor"], rules["score"]) == (
        True,
        70.0,
        50.0,
        92.5,
    )
    assert all(floor["met"] for floor in rules["floors"]) and rules["floors"]


def test_after_an_action_plan_the_agenda_reads_the_updated_score():
    dossier = ready_dossier(state="plan_evaluated", rules_met=True)
    session, _members, _coordination = convened(dossiers=[dossier])
    proposal = session.agenda.get().proposal
    updated = dossier.snapshots.get(kind="updated")
    assert (proposal["kind"], proposal["score"], proposal["snapshot"]) == (
        "updated",
        74.5,
        updated.pk,
    )
    assert (proposal["recommendation"], proposal["rules"]["all_met"]) == ("label", True)
    failing = ready_dossier(dossier.edition, state="plan_evaluated", rules_met=False)
    item = add_agenda_item(session=session, dossier=failing, by=coordination_member())
    assert (item.proposal["recommendation"], item.position) == ("not_labelled", 1)


@pytest.mark.parametrize(
    "problem",
    ["outsider_invited", "quorum_too_high", "other_edition", "not_ready", "no_dossier", "nobody"],
)
def test_a_bad_session_is_refused_and_nothing_is_written(problem):
    dossier = ready_dossier()
    members, dossiers, quorum = committee(2), [dossier], 2
    if problem == "outsider_invited":
        members.append(team_member(dossier))
    elif problem == "quorum_too_high":
        quorum = 3
    elif problem == "other_edition":
        dossiers.append(ready_dossier())
    elif problem == "not_ready":
        dossiers.append(DossierFactory(edition=dossier.edition, state="verified"))
    elif problem == "no_dossier":
        dossiers = []
    else:
        members = []
    session = DeliberationSession(
        edition=dossier.edition, date=date(2027, 3, 15), place="فاس", quorum=quorum
    )
    before = counts()
    with pytest.raises(ValidationError) as refused:
        convene_session(
            session=session, members=members, dossiers=dossiers, by=coordination_member()
        )
    assert counts() == before
    expected = {
        "outsider_invited": "members",
        "quorum_too_high": "quorum",
        "other_edition": "dossiers",
        "not_ready": "dossiers",
        "no_dossier": "dossiers",
        "nobody": "members",
    }[problem]
    assert list(refused.value.message_dict) == [expected]


def test_only_the_coordination_convenes():
    dossier = ready_dossier()
    session = DeliberationSession(
        edition=dossier.edition, date=date(2027, 3, 1), place="x", quorum=1
    )
    for who in (
        user_with_role(Role.ACCREDITATION),
        team_member(dossier),
        commune_people(dossier)[0],
    ):
        with pytest.raises(PermissionDenied):
            convene_session(session=session, members=committee(1), dossiers=[dossier], by=who)
    assert DeliberationSession.objects.count() == 0


def test_the_agenda_changes_until_the_first_decision():
    first = ready_dossier()
    second = ready_dossier(first.edition)
    session, members, coordination = convened(dossiers=[first])
    convene_session(session=session, members=members, dossiers=[second], by=coordination)
    assert list(session.agenda.values_list("dossier_id", flat=True)) == [second.pk]
    item = session.agenda.get()
    decide(item=item, outcome="label", justification="", by=members[0])
    with pytest.raises(ValidationError) as refused:
        convene_session(session=session, members=members, dossiers=[first, second], by=coordination)
    assert messages_of(refused) == [_("This session has decisions: it can no longer be changed.")]
    with pytest.raises(ValidationError):
        remove_agenda_item(item=item, by=coordination)
    with pytest.raises(ValidationError):
        add_agenda_item(session=session, dossier=first, by=coordination)
    assert list(session.agenda.values_list("dossier_id", flat=True)) == [second.pk]


def test_a_member_who_voted_stays_invited():
    session, members, coordination = convened()
    record_vote(item=session.agenda.get(), choice="for", by=members[2])
    dossier = session.agenda.get().dossier
    with pytest.raises(ValidationError) as refused:
        convene_session(session=session, members=members[:2], dossiers=[dossier], by=coordination)
    assert refused.value.message_dict == {
        "members": [_("%(member)s has already voted: they stay invited.") % {"member": members[2]}]
    }
    assert session.members.count() == 3


# --- conflicts of interest -------------------------------------------------------------


def test_a_member_from_the_dossiers_commune_or_province_is_recused_by_the_platform():
    dossier = ready_dossier()
    neighbour = CommuneFactory(province=dossier.commune.province)
    same_commune, same_province, free = committee(3)
    user_with_role(Role.FOCAL_POINT, commune=dossier.commune).memberships.update(user=same_commune)
    user_with_role(Role.PRESIDENT, commune=neighbour).memberships.update(user=same_province)
    session, _members, _c = convened(
        dossiers=[dossier], members=[same_commune, same_province, free]
    )
    recused = dict(Recusal.objects.values_list("member__user", "reason"))
    assert sorted(recused) == sorted([same_commune.pk, same_province.pk])
    assert dossier.commune.code in recused[same_commune.pk]
    item = session.agenda.get()
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=same_commune)
    record_vote(item=item, choice="for", by=free)
    assert list(item.votes.values_list("member__user", flat=True)) == [free.pk]


def test_declaring_a_conflict_needs_a_reason_and_withdraws_the_members_vote():
    session, members, _coordination = convened()
    item = session.agenda.get()
    record_vote(item=item, choice="against", by=members[0])
    with pytest.raises(ValidationError) as refused:
        declare_conflict(item=item, reason="  ", by=members[0])
    assert list(refused.value.message_dict) == ["reason"]
    assert item.votes.count() == 1
    declare_conflict(item=item, reason="ابن عم رئيس الجماعة", by=members[0])
    assert item.votes.count() == 0
    with pytest.raises(ValidationError):
        declare_conflict(item=item, reason="مرة ثانية", by=members[0])
    with pytest.raises(ValidationError) as refused:
        record_vote(item=item, choice="for", by=members[0])
    assert messages_of(refused) == [
        _("You declared a conflict of interest on this dossier: you may not vote.")
    ]
    with pytest.raises(ValidationError):
        decide_item(item=item, outcome="label", justification="", by=members[0])
    with pytest.raises(PermissionDenied):
        declare_conflict(item=item, reason="x", by=user_with_role(Role.ACCREDITATION))
    assert Recusal.objects.count() == 1 and Decision.objects.count() == 0


# --- attendance --------------------------------------------------------------------------


def test_attendance_is_recorded_and_sets_the_quorum():
    session, members, coordination = convened(quorum=2, present=[])
    item = session.agenda.get()
    with pytest.raises(ValidationError) as refused:
        record_vote(item=item, choice="for", by=members[0])
    seats = {seat.user_id: seat.pk for seat in session.members.all()}
    assert record_attendance(session=session, present=[seats[members[0].pk]], by=coordination) == 1
    with pytest.raises(ValidationError) as refused:
        record_vote(item=item, choice="for", by=members[0])
    assert messages_of(refused) == [
        _("The quorum is not reached: %(present)s present, %(quorum)s needed.")
        % {"present": 1, "quorum": 2}
    ]
    record_attendance(session=session, present=[seats[m.pk] for m in members[:2]], by=coordination)
    record_vote(item=item, choice="for", by=members[0])
    with pytest.raises(ValidationError):  # who voted cannot be marked absent
        record_attendance(session=session, present=[seats[members[1].pk]], by=coordination)
    with pytest.raises(ValidationError):  # a seat of another session
        record_attendance(session=session, present=[seats[members[0].pk] + 100], by=coordination)
    with pytest.raises(PermissionDenied):
        record_attendance(session=session, present=[], by=members[0])
    assert sorted(session.members.filter(present=True).values_list("user_id", flat=True)) == [
        m.pk for m in members[:2]
    ]


def test_an_absent_member_neither_votes_nor_decides():
    session, members, _coordination = convened(present=None, quorum=2)
    seats = {s.user_id: s.pk for s in session.members.all()}
    record_attendance(
        session=session, present=[seats[m.pk] for m in members[:2]], by=session.convened_by
    )
    item = session.agenda.get()
    with pytest.raises(ValidationError):
        record_vote(item=item, choice="for", by=members[2])
    with pytest.raises(ValidationError) as refused:
        decide_item(item=item, outcome="label", justification="", by=members[2])
    assert messages_of(refused) == [_("Only members recorded as present may record the decision.")]
    decision = decide_item(item=item, outcome="label", justification="", by=members[1])
    assert decision.votes == {"for": 0, "against": 0, "abstain": 0, "present": 2}


# --- the pages: who sees what ----------------------------------------------------------


def session_url(session, name="session"):
    return reverse(f"accreditation:{name}", args=[session.pk])


def item_url(item, name="item"):
    return reverse(f"accreditation:{name}", args=[item.session_id, item.pk])


def test_the_coordination_sees_every_session_and_a_member_only_theirs(client):
    mine, members, coordination = convened()
    other, _others, _c = convened()
    client.force_login(coordination)
    response = client.get(reverse("accreditation:session_list"))
    assert response.status_code == 200
    assert list(response.context["sessions"]) == [other, mine]
    assert response.context["can_convene"] is True
    client.force_login(members[0])
    response = client.get(reverse("accreditation:session_list"))
    assert list(response.context["sessions"]) == [mine]
    assert response.context["can_convene"] is False
    assert client.get(session_url(other)).status_code == 404
    assert client.get(item_url(other.agenda.get())).status_code == 404
    assert client.get(session_url(mine)).status_code == 200
    assert client.get(item_url(mine.agenda.get())).status_code == 200


@pytest.mark.parametrize("role", ["team", "focal_point", "president", "committee_not_invited"])
def test_everyone_else_gets_404_on_every_session_page(client, role):
    session, members, _coordination = convened()
    item = session.agenda.get()
    dossier = item.dossier
    who = {
        "team": lambda: team_member(dossier),
        "focal_point": lambda: commune_people(dossier)[0],
        "president": lambda: commune_people(dossier)[1],
        "committee_not_invited": lambda: user_with_role(Role.ACCREDITATION),
    }[role]()
    client.force_login(who)
    urls = [
        session_url(session),
        session_url(session, "session_edit"),
        session_url(session, "minutes"),
        item_url(item),
        item_url(item, "letter"),
        reverse("dossiers:detail", args=[dossier.pk]) if role == "committee_not_invited" else None,
    ]
    for url in filter(None, urls):
        assert client.get(url).status_code == 404, url
    for name in ("attendance",):
        assert client.post(session_url(session, name), {"present": []}).status_code == 404
    for name in ("vote", "conflict", "decide"):
        assert client.post(item_url(item, name), {"choice": "for"}).status_code == 404
    if role in ("team", "focal_point", "president"):
        assert client.get(reverse("accreditation:session_list")).status_code == 404
    assert counts()[4:] == (0, 0)


def test_signed_out_visitors_are_sent_to_sign_in(client):
    session, _members, _coordination = convened()
    response = client.get(session_url(session))
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:login"))


# --- convening through the form --------------------------------------------------------


def session_post(edition, members, dossiers, **fields):
    return {
        "edition": edition.pk,
        "date": "2027-03-15",
        "place": "الرباط — مقر الجمعية",
        "quorum": 2,
        "members": [m.pk for m in members],
        "dossiers": [d.pk for d in dossiers],
        **fields,
    }


def test_the_coordination_convenes_a_session_through_the_form(client):
    dossier = ready_dossier()
    not_ready = DossierFactory(edition=dossier.edition, state="submitted")
    members = committee(3)
    UserFactory()  # no committee role: not offered
    coordination = coordination_member()
    client.force_login(coordination)
    response = client.get(reverse("accreditation:session_create"))
    assert response.status_code == 200
    form = response.context["form"]
    assert sorted(u.pk for u in form.fields["members"].queryset) == sorted(m.pk for m in members)
    assert list(form.fields["dossiers"].queryset) == [dossier]
    assert not_ready not in form.fields["dossiers"].queryset
    response = client.post(
        reverse("accreditation:session_create"), session_post(dossier.edition, members, [dossier])
    )
    session = DeliberationSession.objects.get()
    assert response.status_code == 302 and response.url == session_url(session)
    assert (session.place, session.quorum, session.convened_by) == (
        "الرباط — مقر الجمعية",
        2,
        coordination,
    )
    assert session.agenda.get().dossier == dossier


def test_a_refused_session_shows_why_and_writes_nothing(client):
    dossier = ready_dossier()
    client.force_login(coordination_member())
    response = client.post(
        reverse("accreditation:session_create"),
        session_post(dossier.edition, committee(1), [dossier], quorum=3),
    )
    assert response.status_code == 400
    assert response.context["form"].errors["quorum"] == [
        _("The quorum (%(quorum)s) cannot exceed the number of members invited (%(n)s).")
        % {"quorum": 3, "n": 1}
    ]
    assert b'role="alert"' in response.content
    assert response.context["session"].pk is None
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_a_committee_member_cannot_open_the_convening_form(client):
    client.force_login(user_with_role(Role.ACCREDITATION))
    assert client.get(reverse("accreditation:session_create")).status_code == 404


def test_a_session_with_a_decision_can_no_longer_be_changed(client):
    session, members, coordination = convened()
    item = session.agenda.get()
    decide(item=item, outcome="label", justification="", by=members[0])
    client.force_login(coordination)
    response = client.get(session_url(session, "session_edit"))
    assert response.context["locked"] is True
    assert (
        _("This session has decisions: it can no longer be changed.") in response.content.decode()
    )
    response = client.post(
        session_url(session, "session_edit"),
        session_post(session.edition, members[:1], [item.dossier], quorum=1),
    )
    assert response.status_code == 409
    assert session.members.count() == 3 and DeliberationSession.objects.get().quorum == 2


# --- the session page and attendance ---------------------------------------------------


def test_the_coordination_records_the_attendance_on_the_session_page(client):
    session, members, coordination = convened(present=[])
    client.force_login(coordination)
    response = client.get(session_url(session))
    assert response.context["present"] == 0
    seats = {s.user_id: s.pk for s in session.members.all()}
    response = client.post(
        session_url(session, "attendance"),
        {"present": [seats[members[0].pk], seats[members[1].pk]]},
    )
    assert response.status_code == 302
    assert sorted(session.members.filter(present=True).values_list("user_id", flat=True)) == [
        members[0].pk,
        members[1].pk,
    ]
    response = client.post(session_url(session, "attendance"), {"present": ["999999"]})
    assert response.status_code == 400
    assert session.members.filter(present=True).count() == 2


def test_a_member_reads_the_attendance_but_cannot_record_it(client):
    session, members, _coordination = convened()
    client.force_login(members[0])
    response = client.get(session_url(session))
    assert response.context["attendance_form"] is None
    assert response.context["my_seat"].user == members[0]
    assert client.post(session_url(session, "attendance"), {"present": []}).status_code == 404
    assert session.members.filter(present=True).count() == 3


# --- a dossier on the agenda: the file, the votes, the decision -------------------------


def test_the_item_page_shows_the_file_the_rules_and_the_proposal(client):
    dossier = ready_dossier(rules_met=False)
    session, members, _coordination = convened(dossiers=[dossier])
    client.force_login(members[0])
    response = client.get(item_url(session.agenda.get()))
    assert response.status_code == 200
    view = response.context["view"]
    assert view.rules_met is False and view.expected == "action_plan"
    assert [row.kind for row in view.rules][:2] == ["threshold", "floor"]
    assert view.rules[0].met is False and view.rules[0].figure == 31.25
    assert view.scored == dossier.snapshots.get(kind="final")
    assert len(view.principles) == len(view.spec.principles)
    assert len(view.fields) == len(view.spec.fields)
    assert [str(o) for o in view.outcomes] == ["label", "action_plan", "withdrawal"]
    html = response.content.decode()
    assert html.count("<svg") == 2
    assert "عتبة غير مبلوغة" in html  # the coordination's justification
    assert response.context["can_vote"] and response.context["can_decide"]


def test_the_item_page_of_an_updated_score_shows_it_beside_the_final_one(client):
    dossier = ready_dossier(state="plan_evaluated")
    session, members, _coordination = convened(dossiers=[dossier])
    client.force_login(members[0])
    view = client.get(item_url(session.agenda.get())).context["view"]
    assert (view.kind, view.scored.kind, view.final.kind) == ("updated", "updated", "final")
    assert [str(o) for o in view.outcomes] == ["label", "not_labelled"]


def test_a_member_votes_and_changes_their_vote(client):
    session, members, _coordination = convened()
    item = session.agenda.get()
    client.force_login(members[0])
    assert client.post(item_url(item, "vote"), {"choice": "against"}).status_code == 302
    assert client.post(item_url(item, "vote"), {"choice": "for"}).status_code == 302
    assert list(item.votes.values_list("member__user", "choice")) == [(members[0].pk, "for")]
    response = client.get(item_url(item))
    assert response.context["my_vote"].choice == "for"
    assert response.context["view"].votes == {"for": 1, "against": 0, "abstain": 0}


def test_a_vote_without_quorum_is_refused_with_its_message(client):
    session, members, _coordination = convened(quorum=3, present=None)
    seats = {s.user_id: s.pk for s in session.members.all()}
    record_attendance(
        session=session, present=[seats[m.pk] for m in members[:2]], by=session.convened_by
    )
    client.force_login(members[0])
    response = client.post(item_url(session.agenda.get(), "vote"), {"choice": "for"})
    assert response.status_code == 400
    assert response.context["vote_form"].non_field_errors() == [
        _("The quorum is not reached: %(present)s present, %(quorum)s needed.")
        % {"present": 2, "quorum": 3}
    ]
    assert Vote.objects.count() == 0


def test_a_recused_member_is_told_they_may_not_vote(client):
    session, members, _coordination = convened()
    item = session.agenda.get()
    client.force_login(members[0])
    response = client.post(item_url(item, "conflict"), {"reason": ""})
    assert response.status_code == 400 and Recusal.objects.count() == 0
    response = client.post(item_url(item, "conflict"), {"reason": "من نفس الإقليم"})
    assert response.status_code == 302
    response = client.get(item_url(item))
    message = _("You declared a conflict of interest on this dossier: you may not vote.")
    assert response.context["recused"] is True and response.context["can_vote"] is False
    assert message in response.content.decode()
    response = client.post(item_url(item, "vote"), {"choice": "for"})
    assert response.status_code == 400
    assert response.context["vote_form"].non_field_errors() == [message]
    assert Vote.objects.count() == 0


def test_the_coordination_reads_the_item_but_neither_votes_nor_decides(client):
    session, _members, coordination = convened()
    item = session.agenda.get()
    client.force_login(coordination)
    response = client.get(item_url(item))
    assert (response.context["can_vote"], response.context["can_decide"]) == (False, False)
    assert client.post(item_url(item, "vote"), {"choice": "for"}).status_code == 403
    response = client.post(item_url(item, "decide"), {"outcome": "label"})
    assert response.status_code == 403
    assert counts()[4:] == (0, 0)


def test_a_decision_against_the_rules_needs_its_justification_and_comes_once(client):
    dossier = ready_dossier(rules_met=False)
    session, members, _coordination = convened(dossiers=[dossier])
    item = session.agenda.get()
    client.force_login(members[1])
    response = client.post(item_url(item, "decide"), {"outcome": "label", "justification": " "})
    assert response.status_code == 400
    assert response.context["decision_form"].non_field_errors() == [
        _("This decision goes against the edition's rules: write its justification.")
    ]
    dossier.refresh_from_db()
    assert dossier.state == "verified" and Decision.objects.count() == 0
    response = client.post(
        item_url(item, "decide"), {"outcome": "label", "justification": "تحسن ملموس بعد الزيارة"}
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    decision = Decision.objects.get()
    assert (dossier.state, decision.against_rules, decision.decided_by) == (
        "labelled",
        True,
        members[1],
    )
    response = client.post(item_url(item, "decide"), {"outcome": "label", "justification": "x"})
    assert response.status_code == 400
    assert Decision.objects.count() == 1
    response = client.get(item_url(item))
    assert response.context["can_decide"] is False
    assert reverse("accreditation:letter", args=[session.pk, item.pk]) in response.content.decode()


def test_a_forged_outcome_is_refused(client):
    session, members, _coordination = convened()
    client.force_login(members[0])
    response = client.post(item_url(session.agenda.get(), "decide"), {"outcome": "not_labelled"})
    assert response.status_code == 400
    assert list(response.context["decision_form"].errors) == ["outcome"]
    assert Decision.objects.count() == 0


# --- fixed query counts ------------------------------------------------------------------


def populated_session(n: int):
    edition = EditionFactory()
    dossiers = [ready_dossier(edition) for _ in range(n)]
    session, members, coordination = convened(dossiers=dossiers, members=committee(n + 1))
    for item in session.agenda.all():
        record_vote(item=item, choice="for", by=members[0])
        declare_conflict(item=item, reason="قرابة", by=members[1])
    decide(item=session.agenda.first(), outcome="label", justification="", by=members[0])
    return session, members, coordination


@pytest.mark.parametrize("who", ["coordination", "member"])
def test_the_session_and_item_pages_cost_the_same_with_1_and_10_rows(
    client, who, django_assert_max_num_queries
):
    costs = []
    for n in (1, 10):
        session, members, coordination = populated_session(n)
        client.force_login(coordination if who == "coordination" else members[0])
        item = session.agenda.last()
        with django_assert_max_num_queries(QUERIES["session"]) as session_page:
            assert client.get(session_url(session)).status_code == 200
        with django_assert_max_num_queries(QUERIES["item"]) as item_page:
            assert client.get(item_url(item)).status_code == 200
        with django_assert_max_num_queries(QUERIES["list"]) as list_page:
            assert client.get(reverse("accreditation:session_list")).status_code == 200
        costs.append(
            (
                len(session_page.captured_queries),
                len(item_page.captured_queries),
                len(list_page.captured_queries),
            )
        )
    assert costs[0] == costs[1]


# Pinned: the page's own reads plus the base template's menu (roles, permissions).
QUERIES = {"session": 15, "item": 19, "list": 8}


def test_the_coordination_changes_the_agenda_and_the_members_before_any_decision(client):
    first = ready_dossier()
    second = ready_dossier(first.edition)
    session, members, coordination = convened(dossiers=[first])
    client.force_login(coordination)
    form = client.get(session_url(session, "session_edit")).context["form"]
    assert sorted(form.initial["members"]) == sorted(m.pk for m in members)
    assert form.initial["dossiers"] == [first.pk]
    assert sorted(d.pk for d in form.fields["dossiers"].queryset) == [first.pk, second.pk]
    response = client.post(
        session_url(session, "session_edit"),
        session_post(session.edition, members[:2], [second], place="فاس"),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert session.place == "فاس"
    assert list(session.agenda.values_list("dossier_id", flat=True)) == [second.pk]
    assert sorted(session.members.values_list("user_id", flat=True)) == sorted(
        m.pk for m in members[:2]
    )
    assert session.history.first().history_user == coordination


def nav(user, rf) -> str:
    from django.template.loader import render_to_string

    request = rf.get("/")
    request.user = user
    return render_to_string("accreditation/_nav.html", request=request).strip()


def test_the_deliberations_link_shows_for_the_coordination_and_the_committee_only(rf):
    link = f'<a href="{reverse("accreditation:session_list")}">'
    assert nav(coordination_member(), rf).startswith(link)
    assert nav(user_with_role(Role.ACCREDITATION), rf).startswith(link)
    dossier = ready_dossier()
    for other in (team_member(dossier), commune_people(dossier)[0], UserFactory()):
        assert link not in nav(other, rf)


def test_an_item_put_on_the_agenda_by_hand_still_reads(client):
    """An agenda item without the stored figures (the demo, older rows) shows what it has."""
    dossier = DossierFactory(state="verified")
    session, members, _coordination = convened()
    item = AgendaItem.objects.create(
        session=session, dossier=dossier, position=5, proposal={"rules": {"all_met": True}}
    )
    client.force_login(members[0])
    response = client.get(item_url(item))
    assert response.status_code == 200
    assert (response.context["view"].rules, response.context["charts"]) == ([], {})
    assert response.context["view"].expected == "label"
