import rules

from citizenlabel.people.rules import has_any_role

# The referential is the label's public rulebook; every signed-in participant may read it.
can_browse_referential = rules.is_authenticated & has_any_role

rules.add_perm("referential.browse", can_browse_referential)
