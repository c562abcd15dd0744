"""The verification visit: scheduled by the coordination committee with members of the
dossier's technical team; the commune is told the date, the agenda and what to prepare."""

from collections.abc import Sequence
from datetime import date

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import formats
from django.utils.translation import gettext as _

from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import Dossier, Submission
from citizenlabel.dossiers.services.notifications import commune_people, send_bilingual
from citizenlabel.dossiers.services.transitions import transition_dossier
from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, User

from .. import rules as verification_rules
from ..models import Visit


def submission_date(dossier: Dossier) -> date | None:
    latest = Submission.objects.filter(dossier=dossier).order_by("-submitted_at").first()
    return None if latest is None else latest.submitted_at.date()


def _check_visit(dossier: Dossier, visit_date: date, members: Sequence[User]) -> None:
    submitted = submission_date(dossier)
    if submitted is not None and visit_date < submitted:
        message = _("The visit cannot take place before the file was submitted (%(date)s).")
        raise ValidationError({"date": message % {"date": formats.date_format(submitted)}})
    if dossier.technical_team_id is None:
        raise ValidationError(_("Assign a technical team to the dossier first."))
    if not members:
        raise ValidationError({"members": _("Choose the members of the team who will visit.")})
    in_team = set(
        Membership.objects.filter(
            technical_team_id=dossier.technical_team_id, role=Role.TECHNICAL_TEAM
        ).values_list("user_id", flat=True)
    )
    if outside := [str(user) for user in members if user.pk not in in_team]:
        message = _("Not a member of the dossier's technical team (%(team)s): %(names)s.")
        names = {"team": str(dossier.technical_team), "names": ", ".join(outside)}
        raise ValidationError({"members": message % names})


@transaction.atomic
def schedule_visit(
    *,
    dossier: Dossier,
    date: date,
    members: Sequence[User],
    agenda: str,
    documents: str,
    by,
) -> Visit:
    """Schedule (or reschedule) the visit; the first one opens the verification."""
    locked = Dossier.objects.select_for_update().get(pk=dossier.pk)  # one scheduling at a time
    if not verification_rules.can_schedule_visit(by, locked):
        raise PermissionDenied(
            _("Only the coordination committee schedules the visit of a provisionally scored file.")
        )
    _check_visit(locked, date, members)
    visit = Visit.objects.filter(dossier=dossier).first()
    rescheduled = visit is not None
    visit = visit or Visit(dossier=dossier)
    visit.date, visit.agenda, visit.documents = date, agenda.strip(), documents.strip()
    visit.scheduled_by = by
    visit._history_user = by
    visit.full_clean(exclude=["members"], validate_unique=False)
    visit.save()
    visit.members.set(members)
    if locked.state == DossierState.PROVISIONALLY_SCORED:
        transition_dossier(dossier, to=DossierState.VERIFICATION, by=by)
    _notify_commune(dossier, visit, rescheduled=rescheduled)
    return visit


def _notify_commune(dossier: Dossier, visit: Visit, *, rescheduled: bool) -> None:
    recipients = {user.email for user in commune_people([dossier.commune_id]) if user.email}
    context = {
        "dossier": dossier,
        "visit": visit,
        "members": [str(user) for user in visit.members.all()],
        "rescheduled": rescheduled,
        "site_url": settings.SITE_URL,
    }
    send_bilingual(recipients, "verification/emails/visit_scheduled", context)
