"""Deliberation sessions, the pages: the list, the convening form (members, chair,
secretary), the session page and its attendance, for every role including the outsider;
each page costs a fixed number of queries."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.accreditation.models import DeliberationSession
from citizenlabel.accreditation.services.decisions import open_round, record_vote
from citizenlabel.accreditation.services.sessions import declare_conflict
from citizenlabel.people.enums import Role
from tests.factories import (
    DossierFactory,
    EditionFactory,
    UserFactory,
    commune_people,
    coordination_member,
    team_member,
    user_with_role,
)
from tests.factories.accreditation import (
    committee,
    convened,
    counts,
    item_url,
    ready_dossier,
    session_url,
    vote_and_close,
)

pytestmark = pytest.mark.django_db


# --- who sees what -----------------------------------------------------------------------


def test_the_coordination_sees_every_session_and_a_member_only_theirs(client):
    mine, members, coordination = convened(day=timezone.localdate() - timedelta(days=1))
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
    assert client.post(session_url(session, "attendance"), {"present": []}).status_code == 404
    forged = {"choice": "for", "outcome": "action_plan", "confirmed": "yes"}
    for name in ("vote", "conflict", "decide", "new_round", "postpone"):
        assert client.post(item_url(item, name), forged).status_code == 404, name
    if role in ("team", "focal_point", "president"):
        assert client.get(reverse("accreditation:session_list")).status_code == 404
    assert counts()[3:] == (0, 0, 0)
    assert item.rounds.get().result == "open" and item.postponed_at is None


def test_signed_out_visitors_are_sent_to_sign_in(client):
    session, _members, _coordination = convened()
    response = client.get(session_url(session))
    assert response.status_code == 302
    assert response.url.startswith(reverse("people:login"))


# --- convening through the form --------------------------------------------------------


def session_post(edition, members, dossiers, **fields):
    return {
        "edition": edition.pk,
        "date": timezone.localdate().isoformat(),
        "place": "الرباط — مقر الجمعية",
        "quorum": 2,
        "members": [m.pk for m in members],
        "chair": members[0].pk if members else "",
        "secretary": members[1].pk if len(members) > 1 else "",
        "dossiers": [d.pk for d in dossiers],
        **fields,
    }


def test_the_coordination_convenes_a_session_with_its_chair_and_secretary(client):
    dossier = ready_dossier()
    not_ready = DossierFactory(edition=dossier.edition, state="submitted")
    members = committee(3)
    UserFactory()  # no committee role: not offered
    coordination = coordination_member()
    client.force_login(coordination)
    response = client.get(reverse("accreditation:session_create"))
    assert response.status_code == 200
    form = response.context["form"]
    offered = sorted(m.pk for m in members)
    assert sorted(u.pk for u in form.fields["members"].queryset) == offered
    assert sorted(u.pk for u in form.fields["chair"].queryset) == offered
    assert form.fields["chair"].required and not form.fields["secretary"].required
    assert list(form.fields["dossiers"].queryset) == [dossier]
    assert not_ready not in form.fields["dossiers"].queryset
    post = session_post(dossier.edition, members, [dossier], chair=members[2].pk)
    response = client.post(reverse("accreditation:session_create"), post)
    session = DeliberationSession.objects.get()
    assert response.status_code == 302 and response.url == session_url(session)
    assert (session.place, session.quorum, session.convened_by) == (
        "الرباط — مقر الجمعية",
        2,
        coordination,
    )
    assert (session.chair, session.secretary) == (members[2], members[1])
    assert session.agenda.get().dossier == dossier
    page = client.get(session_url(session)).content.decode()
    assert str(members[2]) in page


@pytest.mark.parametrize("officer", ["chair", "secretary"])
def test_an_officer_who_is_not_invited_is_refused_on_the_field(client, officer):
    dossier = ready_dossier()
    members, outsider = committee(2), user_with_role(Role.ACCREDITATION)
    client.force_login(coordination_member())
    response = client.post(
        reverse("accreditation:session_create"),
        session_post(dossier.edition, members, [dossier], **{officer: outsider.pk}),
    )
    assert response.status_code == 400
    message = {
        "chair": _("The chair must be one of the members invited."),
        "secretary": _("The secretary must be one of the members invited."),
    }[officer]
    assert response.context["form"].errors == {officer: [message]}
    assert counts() == (0, 0, 0, 0, 0, 0)


def test_a_session_without_a_chair_is_refused_by_the_form(client):
    dossier = ready_dossier()
    client.force_login(coordination_member())
    response = client.post(
        reverse("accreditation:session_create"),
        session_post(dossier.edition, committee(2), [dossier], chair=""),
    )
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["chair"]
    assert counts() == (0, 0, 0, 0, 0, 0)


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
        session_post(session.edition, members[:2], [second], place="فاس", secretary=""),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.place, session.chair, session.secretary) == ("فاس", members[0], None)
    assert list(session.agenda.values_list("dossier_id", flat=True)) == [second.pk]
    assert sorted(session.members.values_list("user_id", flat=True)) == sorted(
        m.pk for m in members[:2]
    )
    assert session.history.first().history_user == coordination


def test_a_session_with_a_decision_can_no_longer_be_changed(client):
    session, members, coordination = convened()
    item = session.agenda.get()
    vote_and_close(item, {members[0]: "for", members[1]: "for"}, by=members[0])
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
    assert response.context["attendance_form"] is not None
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


def test_attendance_waits_for_the_sessions_day(client):
    day = timezone.localdate() + timedelta(days=3)
    session, members, coordination = convened(day=day)
    client.force_login(coordination)
    response = client.get(session_url(session))
    page = response.content.decode()
    assert (response.context["attendance_form"], response.context["before_the_day"]) == (
        None,
        True,
    )
    assert page.count(_("not recorded yet")) == 3 and _("absent") not in page
    seats = list(session.members.values_list("pk", flat=True))
    response = client.post(session_url(session, "attendance"), {"present": seats})
    assert response.status_code == 400
    assert response.context["attendance_form"].non_field_errors() == [
        _("The session takes place on %(date)s: nothing can be recorded before then.")
        % {"date": day.isoformat()}
    ]
    assert session.members.filter(present=True).count() == 0
    client.force_login(members[1])
    page = client.get(item_url(session.agenda.get())).content.decode()
    assert page.count(_("not recorded yet")) == 3 and _("absent") not in page


def test_a_member_reads_the_attendance_but_cannot_record_it(client):
    session, members, _coordination = convened()
    client.force_login(members[0])
    response = client.get(session_url(session))
    assert response.context["attendance_form"] is None
    assert response.context["my_seat"].user == members[0]
    assert client.post(session_url(session, "attendance"), {"present": []}).status_code == 404
    assert session.members.filter(present=True).count() == 3


# --- fixed query counts ------------------------------------------------------------------


def populated_session(n: int):
    """n + 1 dossiers, n + 3 members all present; on each, the secretary recuses; the first is
    decided, the second (with n > 1) had a rejected round and a second one, the others are
    being voted on."""
    edition = EditionFactory()
    dossiers = [ready_dossier(edition) for _ in range(n + 1)]
    session, members, coordination = convened(dossiers=dossiers, members=committee(n + 3))
    items = list(session.agenda.all())
    for item in items:
        declare_conflict(item=item, reason="قرابة", by=members[1])
    vote_and_close(items[0], {members[0]: "for", members[2]: "for"}, by=members[0])
    if n > 1:
        vote_and_close(items[1], {members[0]: "against", members[2]: "against"}, by=members[0])
        open_round(item=items[1], outcome="withdrawal", by=members[0])
    for item in items[1:]:
        for member in members[2:]:
            record_vote(item=item, choice="abstain", by=member)
    return session, members, coordination


@pytest.mark.parametrize("who", ["coordination", "chair", "member"])
def test_the_session_and_item_pages_cost_the_same_with_1_and_10_rows(
    client, who, django_assert_max_num_queries
):
    costs = []
    for n in (1, 10):
        session, members, coordination = populated_session(n)
        client.force_login({"coordination": coordination, "chair": members[0]}.get(who, members[2]))
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
