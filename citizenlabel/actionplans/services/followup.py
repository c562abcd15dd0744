"""Following a running plan: indicator measurements (the commune or its team), the progress
of activities (the commune), follow-up comments and monitoring visits (the technical team).
Every change is recorded with its author (simple_history on Measurement and Activity)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .. import rules as plan_rules
from ..enums import ActivityStatus
from ..models import ActionPlan, Activity, FollowUpComment, Indicator, Measurement, MonitoringVisit


def _require(predicate, by, plan: ActionPlan, message: str) -> None:
    if not predicate(by, plan.dossier):
        raise PermissionDenied(message)


def _within_plan(plan: ActionPlan, day: date, field_name: str) -> None:
    """Refuse a date outside the plan's period or after today."""
    if not plan.starts_on <= day <= plan.ends_on:
        period = {
            "start": date_format(plan.starts_on, "SHORT_DATE_FORMAT"),
            "end": date_format(plan.ends_on, "SHORT_DATE_FORMAT"),
        }
        message = _("The date must fall within the plan's period, from %(start)s to %(end)s.")
        raise ValidationError({field_name: message % period})
    if day > timezone.localdate():
        raise ValidationError({field_name: _("The date cannot be later than today.")})


@transaction.atomic
def record_measurement(
    *, indicator: Indicator | None, measured_on: date, value: Decimal, note: str, by
) -> Measurement:
    """A value of an indicator on a date within the plan's period."""
    if indicator is None or indicator.pk is None:
        raise ValidationError(
            {"indicator": _("A measurement for an unknown indicator cannot be recorded.")}
        )
    plan = indicator.plan
    _require(
        plan_rules.can_record_measurement,
        by,
        plan,
        _("Measurements are recorded by the commune and its technical team while the plan runs."),
    )
    _within_plan(plan, measured_on, "measured_on")
    measurement = Measurement(
        indicator=indicator, measured_on=measured_on, value=value, note=note.strip(), recorded_by=by
    )
    measurement.full_clean()
    measurement._history_user = by
    measurement.save()
    return measurement


@transaction.atomic
def update_activity_progress(
    *,
    activity: Activity,
    status: str,
    percent_done: int,
    by,
    spent: Decimal | None = None,
) -> Activity:
    """The commune's update of an activity: its status, percentage done and budget used.
    "Done" means 100 %."""
    _require(
        plan_rules.can_edit_plan,
        by,
        activity.plan,
        _("Only the commune updates its activities, while the plan is open."),
    )
    if status not in ActivityStatus.values:
        raise ValidationError({"status": _("Choose one of the statuses offered.")})
    if percent_done > 100 or percent_done < 0:
        raise ValidationError({"percent_done": _("The percentage done must be between 0 and 100.")})
    if status == ActivityStatus.DONE:
        percent_done = 100
    elif status == ActivityStatus.NOT_STARTED and percent_done:
        raise ValidationError(
            {"status": _("An activity that has not started cannot be partly done.")}
        )
    activity.status, activity.percent_done = status, percent_done
    fields = ["status", "percent_done"]
    if spent is not None:
        activity.spent = spent
        fields.append("spent")
    activity.full_clean()
    activity._history_user = by
    activity.save(update_fields=fields)
    return activity


@transaction.atomic
def add_follow_up_comment(*, plan: ActionPlan, body: str, by) -> FollowUpComment:
    _require(
        plan_rules.can_follow_plan,
        by,
        plan,
        _("Follow-up comments are written by the dossier's technical team while the plan runs."),
    )
    comment = FollowUpComment(plan=plan, body=body.strip(), author=by)
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def record_monitoring_visit(*, plan: ActionPlan, date: date, findings: str, by) -> MonitoringVisit:
    _require(
        plan_rules.can_follow_plan,
        by,
        plan,
        _("Monitoring visits are recorded by the dossier's technical team while the plan runs."),
    )
    _within_plan(plan, date, "date")
    visit = MonitoringVisit(plan=plan, date=date, findings=findings.strip(), recorded_by=by)
    visit.full_clean()
    visit.save()
    return visit
