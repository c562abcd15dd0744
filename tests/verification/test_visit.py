"""The verification visit: scheduled by the coordination, seen by the commune and its team."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.people.enums import Role
from citizenlabel.people.models import User
from citizenlabel.verification.models import Visit
from citizenlabel.verification.services.scores import record_provisional_score
from citizenlabel.verification.services.visit import schedule_visit
from tests.factories import (
    dossier_in_self_assessment,
    submitted_dossier,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db

AGENDA = "استقبال الفريق\nمراجعة مصادر التحقق"
DOCUMENTS = "محاضر الدورات\nبرنامج عمل الجماعة"


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def scored(coordination):
    """A provisionally scored dossier, its commune's people and two members of its team."""
    dossier = submitted_dossier()
    record_provisional_score(dossier=dossier, by=coordination)
    members = [team_member(dossier), team_member(dossier)]
    return dossier, *the_commune_people(dossier), members


def the_commune_people(dossier) -> tuple[User, User]:
    """(focal point, president) who took the dossier to submission."""
    people = User.objects.filter(memberships__commune=dossier.commune)
    return (
        people.get(memberships__role=Role.FOCAL_POINT),
        people.get(memberships__role=Role.PRESIDENT),
    )


def schedule(dossier, members, by, *, date=None, agenda=AGENDA, documents=DOCUMENTS):
    return schedule_visit(
        dossier=dossier,
        date=date or in_days(10),
        members=members,
        agenda=agenda,
        documents=documents,
        by=by,
    )


# --- the service -------------------------------------------------------------------------


def test_the_first_scheduling_opens_the_verification_and_tells_the_commune(
    scored, coordination, django_capture_on_commit_callbacks
):
    dossier, focal, president, members = scored
    with django_capture_on_commit_callbacks(execute=True):
        visit = schedule(dossier, members, coordination)
    dossier.refresh_from_db()
    assert dossier.state == "verification"
    assert (visit.agenda, visit.documents, visit.scheduled_by) == (AGENDA, DOCUMENTS, coordination)
    assert sorted(m.pk for m in visit.members.all()) == sorted(m.pk for m in members)
    sent = [m for m in mail.outbox if "برنامج عمل الجماعة" in m.body]
    assert len(sent) == 1
    assert sent[0].to == sorted([focal.email, president.email])
    assert "استقبال الفريق" in sent[0].body
    assert reverse("verification:visit", args=[dossier.pk]) in sent[0].body


def test_the_history_keeps_who_scheduled_and_the_members(scored, coordination):
    dossier, _focal, _president, members = scored
    visit = schedule(dossier, members[:1], coordination)
    latest = visit.history.first()
    assert latest.history_user == coordination
    assert [m.user_id for m in latest.members.all()] == [members[0].pk]


def test_rescheduling_moves_the_date_without_another_transition(
    scored, coordination, django_capture_on_commit_callbacks
):
    dossier, _focal, _president, members = scored
    schedule(dossier, members, coordination)
    events = dossier.events.count()
    with django_capture_on_commit_callbacks(execute=True):
        visit = schedule(dossier, members[:1], coordination, date=in_days(20))
    assert (visit.date, list(visit.members.all())) == (in_days(20), members[:1])
    assert Visit.objects.count() == 1
    assert dossier.events.count() == events
    assert len(mail.outbox) == 1  # the commune hears of the new date only


def test_a_date_before_the_submission_is_refused(scored, coordination):
    dossier, _focal, _president, members = scored
    submitted = dossier.submissions.get().submitted_at.date()
    with pytest.raises(ValidationError) as refused:
        schedule(dossier, members, coordination, date=submitted - datetime.timedelta(days=1))
    assert list(refused.value.message_dict) == ["date"]
    assert Visit.objects.count() == 0
    dossier.refresh_from_db()
    assert dossier.state == "provisionally_scored"


def test_a_member_outside_the_team_is_refused_by_name(scored, coordination):
    dossier, _focal, _president, members = scored
    stranger = team_member(dossier_in_self_assessment())
    stranger.first_name, stranger.last_name = "Karim", "Alami"
    stranger.save()
    with pytest.raises(ValidationError) as refused:
        schedule(dossier, [members[0], stranger], coordination)
    message = _("Not a member of the dossier's technical team (%(team)s): %(names)s.") % {
        "team": str(dossier.technical_team),
        "names": "Karim Alami",
    }
    assert refused.value.message_dict == {"members": [message]}
    assert Visit.objects.count() == 0


def test_a_visit_needs_members_and_an_agenda(scored, coordination):
    dossier, _focal, _president, members = scored
    with pytest.raises(ValidationError) as refused:
        schedule(dossier, [], coordination)
    assert list(refused.value.message_dict) == ["members"]
    with pytest.raises(ValidationError) as refused:
        schedule(dossier, members, coordination, agenda="  ")
    assert list(refused.value.message_dict) == ["agenda"]
    assert Visit.objects.count() == 0


def test_only_the_coordination_schedules_and_only_after_the_provisional_score(coordination):
    dossier = submitted_dossier()
    members = [team_member(dossier)]
    with pytest.raises(PermissionDenied):
        schedule(dossier, members, coordination)  # not provisionally scored yet
    record_provisional_score(dossier=dossier, by=coordination)
    focal, _president = the_commune_people(dossier)
    for user in (members[0], focal, user_with_role(Role.ADMINISTRATOR)):
        with pytest.raises(PermissionDenied):
            schedule(dossier, members, user)
    assert Visit.objects.count() == 0


# --- the page ----------------------------------------------------------------------------


def visit_url(dossier) -> str:
    return reverse("verification:visit", args=[dossier.pk])


def post_data(members, date=None, **extra) -> dict:
    return {
        "date": (date or in_days(10)).isoformat(),
        "members": [str(m.pk) for m in members],
        "agenda": AGENDA,
        "documents": DOCUMENTS,
        **extra,
    }


def test_outsiders_get_404_on_the_visit(client, scored, coordination):
    dossier, _focal, _president, members = scored
    schedule(dossier, members, coordination)
    for user in (team_member(dossier_in_self_assessment()), user_with_role(Role.ACCREDITATION)):
        client.force_login(user)
        assert client.get(visit_url(dossier)).status_code == 404
        assert client.post(visit_url(dossier), post_data(members)).status_code == 404


def test_the_coordination_schedules_the_visit_from_the_page(client, scored, coordination):
    dossier, _focal, _president, members = scored
    client.force_login(coordination)
    page = client.get(visit_url(dossier))
    offered = [value for value, _label in page.context["form"].fields["members"].widget.choices]
    assert sorted(offered) == sorted(m.pk for m in members)
    response = client.post(visit_url(dossier), post_data(members[:1]))
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.date, list(visit.members.all())) == (in_days(10), members[:1])


def test_a_forged_member_is_refused_on_the_form(client, scored, coordination):
    dossier, _focal, _president, members = scored
    stranger = team_member(dossier_in_self_assessment())
    client.force_login(coordination)
    response = client.post(visit_url(dossier), post_data([stranger]))
    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["members"]
    assert 'role="alert"' in response.content.decode()
    assert Visit.objects.count() == 0


def test_an_early_date_is_refused_on_the_form(client, scored, coordination):
    dossier, _focal, _president, members = scored
    client.force_login(coordination)
    early = dossier.submissions.get().submitted_at.date() - datetime.timedelta(days=3)
    response = client.post(visit_url(dossier), post_data(members, date=early))
    assert list(response.context["form"].errors) == ["date"]
    assert Visit.objects.count() == 0


@pytest.mark.parametrize("who", ["focal", "president", "team"])
def test_the_commune_and_the_team_read_the_visit(client, scored, coordination, who):
    dossier, focal, president, members = scored
    schedule(dossier, members, coordination)
    user = {"focal": focal, "president": president, "team": members[0]}[who]
    client.force_login(user)
    page = client.get(visit_url(dossier))
    assert (page.status_code, page.context["form"]) == (200, None)
    assert page.context["visit"].date == in_days(10)
    assert "برنامج عمل الجماعة" in page.content.decode()
    response = client.post(visit_url(dossier), post_data(members, date=in_days(30)), follow=True)
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert Visit.objects.get().date == in_days(10)


def test_before_any_scheduling_the_commune_reads_that_none_is_set(client, scored):
    dossier, focal, _president, _members = scored
    client.force_login(focal)
    page = client.get(visit_url(dossier))
    assert (page.status_code, page.context["visit"]) == (200, None)


def test_the_page_costs_the_same_with_one_and_many_members(
    client, coordination, django_assert_max_num_queries
):
    small = submitted_dossier()
    record_provisional_score(dossier=small, by=coordination)
    schedule(small, [team_member(small)], coordination)
    client.force_login(coordination)
    with django_assert_max_num_queries(10):
        assert client.get(visit_url(small)).status_code == 200
    large = submitted_dossier()
    record_provisional_score(dossier=large, by=coordination)
    schedule(large, [team_member(large) for _n in range(10)], coordination)
    with django_assert_max_num_queries(10):
        page = client.get(visit_url(large))
    assert len(page.context["visit"].members.all()) == 10


# --- the links for the dossier's overview --------------------------------------------------


def links_for(dossier, user) -> str:
    from django.template.loader import render_to_string

    return render_to_string("verification/_dossier_links.html", {"dossier": dossier, "user": user})


def test_the_overview_links_show_each_role_its_pages(scored, coordination):
    dossier, focal, _president, members = scored
    schedule(dossier, members, coordination, date=in_days(5))
    study, visit = (
        reverse("verification:study", args=[dossier.pk]),
        reverse("verification:visit", args=[dossier.pk]),
    )
    for user, expected in (
        (coordination, [study, visit]),
        (members[0], [study, visit]),
        (focal, [visit]),
    ):
        html = links_for(dossier, user)
        assert [url for url in (study, visit) if f'href="{url}"' in html] == expected
    stranger = team_member(dossier_in_self_assessment())
    assert links_for(dossier, stranger).strip() == ""
