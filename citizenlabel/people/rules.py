"""Permission predicates. Views, API and templates all ask these; outsiders get 404."""

import rules

from .enums import Role
from .selectors import roles_of


@rules.predicate
def is_platform_administrator(user) -> bool:
    return roles_of(user).has(Role.ADMINISTRATOR)


@rules.predicate
def is_coordination_member(user) -> bool:
    return roles_of(user).has(Role.COORDINATION)


@rules.predicate
def is_technical_team_member(user) -> bool:
    return roles_of(user).has(Role.TECHNICAL_TEAM)


@rules.predicate
def is_accreditation_member(user) -> bool:
    return roles_of(user).has(Role.ACCREDITATION)


@rules.predicate
def is_commune_focal_point(user, commune) -> bool:
    return roles_of(user).holds_for_commune(Role.FOCAL_POINT, getattr(commune, "pk", None))


@rules.predicate
def is_commune_president(user, commune) -> bool:
    return roles_of(user).holds_for_commune(Role.PRESIDENT, getattr(commune, "pk", None))


@rules.predicate
def has_any_role(user) -> bool:
    return bool(roles_of(user).roles)


is_national_staff = is_platform_administrator | is_coordination_member

rules.add_perm("people.manage_users", is_platform_administrator)
