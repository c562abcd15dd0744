"""Permission predicates of the portal. Public pages need none; views ask these for the rest."""

import rules

from citizenlabel.people.rules import (
    is_accreditation_member,
    is_coordination_member,
    is_platform_administrator,
)

# -- analytics --
can_see_national_analytics = (
    is_coordination_member | is_accreditation_member | is_platform_administrator
)
rules.add_perm("portal.see_national_analytics", can_see_national_analytics)
