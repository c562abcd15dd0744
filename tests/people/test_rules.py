import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from citizenlabel.people import rules as people_rules
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership
from tests.factories import CommuneFactory, TechnicalTeamFactory, UserFactory, user_with_role

pytestmark = pytest.mark.django_db


def test_a_focal_point_acts_for_their_own_commune_only():
    own, other = CommuneFactory(), CommuneFactory()
    user = user_with_role(Role.FOCAL_POINT, commune=own)
    assert people_rules.is_commune_focal_point(user, own) is True
    assert people_rules.is_commune_focal_point(user, other) is False
    assert people_rules.is_commune_president(user, own) is False


def test_roles_for_two_communes_do_not_mix():
    first, second = CommuneFactory(), CommuneFactory()
    user = user_with_role(Role.FOCAL_POINT, commune=first)
    Membership.objects.create(user=user, role=Role.PRESIDENT, commune=second)
    assert people_rules.is_commune_president(user, second) is True
    assert people_rules.is_commune_president(user, first) is False
    assert people_rules.is_commune_focal_point(user, second) is False


def test_a_user_may_hold_several_roles():
    user = user_with_role(Role.COORDINATION)
    Membership.objects.create(user=user, role=Role.ACCREDITATION)
    assert people_rules.is_coordination_member(user) is True
    assert people_rules.is_accreditation_member(user) is True
    assert people_rules.is_technical_team_member(user) is False


def test_an_outsider_and_an_anonymous_visitor_hold_nothing():
    from django.contrib.auth.models import AnonymousUser

    commune = CommuneFactory()
    for user in (UserFactory(), AnonymousUser()):
        assert people_rules.has_any_role(user) is False
        assert people_rules.is_commune_focal_point(user, commune) is False
        assert people_rules.is_coordination_member(user) is False


def test_a_superuser_is_platform_administrator():
    user = UserFactory(is_superuser=True)
    assert people_rules.is_platform_administrator(user) is True


def test_roles_are_read_once_per_request():
    user = user_with_role(Role.COORDINATION)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(5):
            people_rules.is_coordination_member(user)
            people_rules.is_accreditation_member(user)
    assert len(queries) == 1


def test_scopes_must_match_the_role():
    user = UserFactory()
    with pytest.raises(ValidationError) as error:
        Membership(user=user, role=Role.FOCAL_POINT).full_clean()
    assert "commune" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Membership(user=user, role=Role.COORDINATION, commune=CommuneFactory()).full_clean()
    assert "commune" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        Membership(user=user, role=Role.TECHNICAL_TEAM).full_clean()
    assert "technical_team" in error.value.message_dict
    Membership(
        user=user, role=Role.TECHNICAL_TEAM, technical_team=TechnicalTeamFactory()
    ).full_clean()
