from dataclasses import dataclass, field

from .enums import Role
from .models import Membership, User


@dataclass(frozen=True)
class Roles:
    """What a user may act as, and where: read once per request."""

    roles: frozenset[str] = frozenset()
    communes: dict[str, frozenset[int]] = field(default_factory=dict)  # role -> commune ids
    team_ids: frozenset[int] = frozenset()

    def has(self, role: str) -> bool:
        return role in self.roles

    def holds_for_commune(self, role: str, commune_id: int | None) -> bool:
        return commune_id is not None and commune_id in self.communes.get(role, frozenset())


NO_ROLES = Roles()


def roles_of(user: User) -> Roles:
    """The user's roles, cached on the user object so a page asks the database once."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return NO_ROLES
    cached = getattr(user, "_citizenlabel_roles", None)
    if cached is None:
        cached = _read_roles(user)
        user._citizenlabel_roles = cached
    return cached


def _read_roles(user: User) -> Roles:
    memberships = list(Membership.objects.filter(user=user))
    roles = {m.role for m in memberships} | ({Role.ADMINISTRATOR} if user.is_superuser else set())
    communes: dict[str, set[int]] = {}
    for membership in memberships:
        if membership.commune_id:
            communes.setdefault(membership.role, set()).add(membership.commune_id)
    return Roles(
        roles=frozenset(roles),
        communes={role: frozenset(ids) for role, ids in communes.items()},
        team_ids=frozenset(m.technical_team_id for m in memberships if m.technical_team_id),
    )


def memberships_of(user: User) -> list[Membership]:
    return list(Membership.objects.filter(user=user).select_related("commune", "technical_team"))
