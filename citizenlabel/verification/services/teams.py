"""The technical teams: who is in them, who leads them, and which dossiers they follow."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from citizenlabel.dossiers.models import Dossier
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User

from .. import rules as verification_rules


def _check_members(members: Sequence[User], leader: User | None) -> None:
    if not members:
        raise ValidationError({"members": _("Choose at least one member of the team.")})
    if inactive := [str(user) for user in members if not user.is_active]:
        message = _("These accounts are deactivated and cannot join a team: %(names)s.")
        raise ValidationError({"members": message % {"names": ", ".join(inactive)}})
    if leader is None:
        raise ValidationError({"leader": _("Choose the leader of the team.")})
    if leader.pk not in {user.pk for user in members}:
        raise ValidationError({"leader": _("The leader must be one of the team's members.")})


@transaction.atomic
def save_technical_team(
    *, team: TechnicalTeam, members: Sequence[User], leader: User | None, by
) -> TechnicalTeam:
    """Save the team and make its memberships exactly `members`, `leader` leading them."""
    if not verification_rules.can_manage_teams(by):
        raise PermissionDenied
    _check_members(members, leader)
    team.full_clean()
    team.save()
    wanted = {user.pk for user in members}
    current = Membership.objects.filter(technical_team=team, role=Role.TECHNICAL_TEAM)
    current.exclude(user_id__in=wanted).delete()
    kept = {m.user_id: m for m in current.filter(user_id__in=wanted)}
    for user in members:
        membership = kept.get(user.pk) or Membership(
            user=user, role=Role.TECHNICAL_TEAM, technical_team=team
        )
        is_leader = user.pk == leader.pk
        if membership.pk and membership.is_leader == is_leader:
            continue
        membership.is_leader = is_leader
        membership.full_clean()
        membership.save()
    return team


@transaction.atomic
def assign_technical_team(*, dossier: Dossier, team: TechnicalTeam | None, by) -> Dossier:
    """Give the submitted dossier to a team (or another one); the history keeps who and when."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
    if not verification_rules.can_assign_team(by, locked):
        raise PermissionDenied(
            _("The technical team of this dossier cannot be changed now: nothing was changed.")
        )
    if team is None or not TechnicalTeam.objects.filter(pk=team.pk).exists():
        raise ValidationError({"team": _("Choose an existing technical team.")})
    if locked.technical_team_id == team.pk:
        return locked
    locked.technical_team = team
    locked._history_user = by
    locked.save(update_fields=["technical_team"])
    dossier.technical_team = team
    return locked
