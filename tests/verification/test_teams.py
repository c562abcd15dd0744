"""The technical teams and the assignment of dossiers to them: services and pages, every role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam
from citizenlabel.verification.services.teams import assign_technical_team, save_technical_team
from tests.factories import (
    RegionFactory,
    TechnicalTeamFactory,
    UserFactory,
    dossier_in_self_assessment,
    submitted_dossier,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db


def team_rows(team) -> list[tuple[str, bool]]:
    return sorted(
        Membership.objects.filter(technical_team=team, role=Role.TECHNICAL_TEAM).values_list(
            "user__username", "is_leader"
        )
    )


@pytest.fixture
def people():
    return [UserFactory(username=f"agent{n}") for n in range(3)]


# --- the service -------------------------------------------------------------------------


def test_it_creates_a_team_with_its_members_and_leader(coordination, people):
    team = TechnicalTeam(name={"ar": "فريق الشمال", "fr": "Équipe du Nord"}, region=RegionFactory())
    save_technical_team(team=team, members=people[:2], leader=people[1], by=coordination)
    assert team_rows(team) == [("agent0", False), ("agent1", True)]


def test_it_removes_members_that_are_left_out_and_moves_the_leadership(coordination, people):
    team = TechnicalTeamFactory()
    save_technical_team(team=team, members=people, leader=people[0], by=coordination)
    save_technical_team(team=team, members=people[1:], leader=people[2], by=coordination)
    assert team_rows(team) == [("agent1", False), ("agent2", True)]


def test_it_keeps_the_other_roles_of_a_removed_member(coordination, people):
    team, other = TechnicalTeamFactory(), TechnicalTeamFactory()
    Membership.objects.create(user=people[0], role=Role.TECHNICAL_TEAM, technical_team=other)
    save_technical_team(team=team, members=people[:1], leader=people[0], by=coordination)
    save_technical_team(team=team, members=people[1:2], leader=people[1], by=coordination)
    assert list(
        Membership.objects.filter(user=people[0]).values_list("technical_team", flat=True)
    ) == [other.pk]


@pytest.mark.parametrize(
    ("members", "leader", "field", "message"),
    [
        ([0, 1], 2, "leader", "The leader must be one of the team's members."),
        ([], None, "members", "Choose at least one member of the team."),
        ([0], None, "leader", "Choose the leader of the team."),
    ],
)
def test_it_refuses_a_bad_team_and_changes_nothing(
    coordination, people, members, leader, field, message
):
    team = TechnicalTeamFactory()
    save_technical_team(team=team, members=people[:1], leader=people[0], by=coordination)
    with pytest.raises(ValidationError) as refused:
        save_technical_team(
            team=team,
            members=[people[n] for n in members],
            leader=None if leader is None else people[leader],
            by=coordination,
        )
    assert refused.value.message_dict == {field: [_(message)]}
    assert team_rows(team) == [("agent0", True)]


def test_it_refuses_a_deactivated_account(coordination, people):
    people[1].is_active = False
    people[1].save()
    team = TechnicalTeamFactory()
    with pytest.raises(ValidationError) as refused:
        save_technical_team(team=team, members=people[:2], leader=people[0], by=coordination)
    assert list(refused.value.message_dict) == ["members"]
    assert team_rows(team) == []


def test_it_refuses_a_team_without_a_name(coordination, people):
    with pytest.raises(ValidationError):
        save_technical_team(
            team=TechnicalTeam(name={}), members=people[:1], leader=people[0], by=coordination
        )
    assert TechnicalTeam.objects.count() == 0


@pytest.mark.parametrize("role", [Role.TECHNICAL_TEAM, Role.ACCREDITATION])
def test_only_national_staff_manage_teams(people, role):
    team = TechnicalTeamFactory()
    scope = {"technical_team": team} if role == Role.TECHNICAL_TEAM else {}
    user = user_with_role(role, **scope)
    before = team_rows(team)
    with pytest.raises(PermissionDenied):
        save_technical_team(team=team, members=people[:1], leader=people[0], by=user)
    assert team_rows(team) == before


def test_an_administrator_manages_teams(people):
    team = TechnicalTeamFactory()
    admin = user_with_role(Role.ADMINISTRATOR)
    save_technical_team(team=team, members=people[:1], leader=people[0], by=admin)
    assert team_rows(team) == [("agent0", True)]


# --- the pages ---------------------------------------------------------------------------


def outsiders():
    dossier = dossier_in_self_assessment()
    return [
        team_member(dossier),
        user_with_role(Role.FOCAL_POINT, commune=dossier.commune),
        user_with_role(Role.ACCREDITATION),
    ]


@pytest.mark.parametrize("name", ["verification:team_list", "verification:team_create"])
def test_outsiders_get_404_on_the_team_pages(client, name):
    for user in outsiders():
        client.force_login(user)
        assert client.get(reverse(name)).status_code == 404
    team = TechnicalTeamFactory()
    assert client.get(reverse("verification:team_edit", args=[team.pk])).status_code == 404


def test_the_list_shows_each_team_with_its_leader(client, coordination, people):
    team = TechnicalTeamFactory(name={"ar": "فريق الشمال", "fr": "Équipe du Nord"})
    save_technical_team(team=team, members=people[:2], leader=people[1], by=coordination)
    client.force_login(coordination)
    page = client.get(reverse("verification:team_list"))
    assert page.status_code == 200
    assert page.context["teams"][0].team_members[0].user == people[1]
    assert "فريق الشمال" in page.content.decode()


def test_the_list_costs_the_same_with_one_and_ten_teams(
    client, coordination, people, django_assert_max_num_queries
):
    client.force_login(coordination)

    def make_team():
        save_technical_team(
            team=TechnicalTeamFactory(), members=people, leader=people[0], by=coordination
        )

    make_team()
    with django_assert_max_num_queries(7):
        assert client.get(reverse("verification:team_list")).status_code == 200
    for _n in range(9):
        make_team()
    with django_assert_max_num_queries(7):
        page = client.get(reverse("verification:team_list"))
    assert len(page.context["teams"]) == 10


def team_post(people, leader, **extra) -> dict:
    return {
        "name_ar": "فريق الجنوب",
        "name_fr": "Équipe du Sud",
        "region": "",
        "members": [str(p.pk) for p in people],
        "leader": str(leader.pk),
        **extra,
    }


def test_a_coordination_member_creates_a_team(client, coordination, people):
    client.force_login(coordination)
    response = client.post(reverse("verification:team_create"), team_post(people[:2], people[0]))
    assert response.status_code == 302
    team = TechnicalTeam.objects.get()
    assert team.name == {"ar": "فريق الجنوب", "fr": "Équipe du Sud"}
    assert team_rows(team) == [("agent0", True), ("agent1", False)]


def test_a_leader_outside_the_members_is_refused_on_the_form(client, coordination, people):
    client.force_login(coordination)
    response = client.post(reverse("verification:team_create"), team_post(people[:1], people[2]))
    assert response.status_code == 200
    assert response.context["form"].errors["leader"] == [
        _("The leader must be one of the team's members.")
    ]
    assert 'role="alert"' in response.content.decode()
    assert TechnicalTeam.objects.count() == 0


def test_a_coordination_member_edits_a_team(client, coordination, people):
    team = TechnicalTeamFactory()
    save_technical_team(team=team, members=people[:2], leader=people[0], by=coordination)
    client.force_login(coordination)
    url = reverse("verification:team_edit", args=[team.pk])
    page = client.get(url)
    assert page.context["form"].initial["members"] == [people[0].pk, people[1].pk]
    assert page.context["form"].initial["leader"] == people[0].pk
    client.post(url, team_post(people[1:], people[2]))
    assert team_rows(team) == [("agent1", False), ("agent2", True)]
    assert TechnicalTeam.objects.count() == 1


def test_editing_a_team_that_does_not_exist_is_404(client, coordination):
    client.force_login(coordination)
    assert client.get(reverse("verification:team_edit", args=[999])).status_code == 404


# --- assigning a team ----------------------------------------------------------------------


def test_the_coordination_assigns_a_team_and_the_history_records_who(coordination):
    dossier = submitted_dossier()
    team = TechnicalTeamFactory()
    assign_technical_team(dossier=dossier, team=team, by=coordination)
    dossier.refresh_from_db()
    assert dossier.technical_team == team
    latest = dossier.history.first()
    assert (latest.technical_team_id, latest.history_user) == (team.pk, coordination)


@pytest.mark.parametrize("team", [None, TechnicalTeam(pk=9999)])
def test_a_team_that_does_not_exist_is_refused(coordination, team):
    dossier = submitted_dossier()
    before = dossier.technical_team_id
    with pytest.raises(ValidationError) as refused:
        assign_technical_team(dossier=dossier, team=team, by=coordination)
    assert refused.value.message_dict == {"team": [_("Choose an existing technical team.")]}
    dossier.refresh_from_db()
    assert dossier.technical_team_id == before


def test_only_the_coordination_assigns_and_only_after_submission(coordination):
    dossier = submitted_dossier()
    team = TechnicalTeamFactory()
    for user in (team_member(dossier), user_with_role(Role.ADMINISTRATOR)):
        with pytest.raises(PermissionDenied):
            assign_technical_team(dossier=dossier, team=team, by=user)
    open_dossier = dossier_in_self_assessment()
    with pytest.raises(PermissionDenied):
        assign_technical_team(dossier=open_dossier, team=team, by=coordination)
    assert {dossier.technical_team_id, open_dossier.technical_team_id}.isdisjoint({team.pk})
