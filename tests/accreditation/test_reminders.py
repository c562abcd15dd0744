"""send_reminders: expiry first, then each reminder once, whatever the number of runs."""

from datetime import date, datetime, time, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.core.management import CommandError, call_command
from django.utils import timezone, translation
from django.utils.translation import gettext

from citizenlabel.accreditation.models import Label, SentReminder
from citizenlabel.accreditation.services.reminders import send_reminders
from citizenlabel.dossiers.models import Clarification, ClarificationMessage, EditionPhase
from citizenlabel.outbox.models import OutboxEmail
from citizenlabel.outbox.services import deliver_due, deliver_email
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    EditionFactory,
    TechnicalTeamFactory,
    clarification,
    commune_people,
    coordination_member,
    team_member,
    user_with_role,
)
from tests.factories.accreditation import granted_label

pytestmark = pytest.mark.django_db

TODAY = date(2028, 1, 10)


def label_until(valid_until: date) -> Label:
    label = granted_label()
    Label.objects.filter(pk=label.pk).update(valid_until=valid_until)
    label.refresh_from_db()
    return label


def run(*args: str) -> str:
    out = StringIO()
    call_command("send_reminders", "--today", TODAY.isoformat(), "--lang", "en", *args, stdout=out)
    return out.getvalue()


def letters() -> list[OutboxEmail]:
    """The emails written to the outbox: they leave once the run's changes commit."""
    return list(OutboxEmail.objects.order_by("pk"))


def sent_to() -> list[list[str]]:
    return sorted(sorted(letter.recipients) for letter in letters())


# --- labels ------------------------------------------------------------------------------


def test_labels_ending_within_90_and_30_days_remind_the_commune_once():
    in_80 = label_until(TODAY + timedelta(days=80))
    in_20 = label_until(TODAY + timedelta(days=20))
    label_until(TODAY + timedelta(days=91))
    focal80, president80 = commune_people(in_80.dossier)
    focal20, president20 = commune_people(in_20.dossier)
    team_member(DossierFactory(commune=in_80.commune, technical_team=TechnicalTeamFactory()))
    outcome = send_reminders(today=TODAY)
    assert [r.key for r in outcome.reminders] == [f"label-90:{in_80.pk}", f"label-30:{in_20.pk}"]
    assert sent_to() == sorted(
        [sorted([focal80.email, president80.email]), sorted([focal20.email, president20.email])]
    )
    [letter80] = [letter for letter in letters() if focal80.email in letter.recipients]
    assert "80" in letter80.subject and in_80.code not in letter80.subject
    assert send_reminders(today=TODAY).reminders == []
    assert len(letters()) == 2


def test_the_30_day_reminder_follows_the_90_day_one():
    label = label_until(TODAY + timedelta(days=80))
    commune_people(label.dossier)
    send_reminders(today=TODAY)
    later = send_reminders(today=TODAY + timedelta(days=55))
    assert [r.key for r in later.reminders] == [f"label-30:{label.pk}"]
    assert send_reminders(today=TODAY + timedelta(days=56)).reminders == []
    assert len(letters()) == 2


def test_revoked_and_renewed_labels_are_not_reminded():
    for status in ("revoked", "renewed"):
        label = label_until(TODAY + timedelta(days=10))
        Label.objects.filter(pk=label.pk).update(status=status)
        commune_people(label.dossier)
    assert send_reminders(today=TODAY).reminders == []
    assert letters() == []


def test_labels_past_their_validity_expire_first_and_are_not_reminded():
    past = label_until(TODAY - timedelta(days=1))
    last_day = label_until(TODAY)
    commune_people(past.dossier), commune_people(last_day.dossier)
    outcome = send_reminders(today=TODAY)
    assert outcome.expired == [past]
    assert [r.key for r in outcome.reminders] == [f"label-30:{last_day.pk}"]
    past.refresh_from_db(), last_day.refresh_from_db()
    assert (past.status, last_day.status) == ("expired", "active")
    assert past.history.first().status == "expired"  # recorded in its history


# --- calendar phases ---------------------------------------------------------------------


def phase(edition, kind: str, ends_on: date) -> EditionPhase:
    return EditionPhase.objects.create(
        edition=edition, phase=kind, starts_on=ends_on - timedelta(days=30), ends_on=ends_on
    )


def test_a_phase_ending_within_7_days_reminds_the_focal_points_of_its_communes():
    edition = EditionFactory()
    going = DossierFactory(edition=edition, state="self_assessment")
    gone = DossierFactory(edition=edition, state="withdrawn")
    focal, _president = commune_people(going)
    commune_people(gone)
    coordination_member()
    ending = phase(edition, "self_assessment", TODAY + timedelta(days=7))
    phase(edition, "verification", TODAY + timedelta(days=8))
    phase(edition, "training", TODAY - timedelta(days=1))
    outcome = send_reminders(today=TODAY)
    assert [r.key for r in outcome.reminders] == [
        f"phase-7:{ending.pk}:{ending.ends_on.isoformat()}"
    ]
    assert sent_to() == [[focal.email]]
    assert send_reminders(today=TODAY).reminders == []


def test_a_study_phase_also_reminds_the_coordination():
    edition = EditionFactory()
    focal, _president = commune_people(DossierFactory(edition=edition, state="submitted"))
    member = coordination_member()
    phase(edition, "file_study", TODAY + timedelta(days=3))
    send_reminders(today=TODAY)
    assert sent_to() == [sorted([focal.email, member.email])]


def test_a_moved_phase_end_is_reminded_again():
    edition = EditionFactory()
    commune_people(DossierFactory(edition=edition, state="self_assessment"))
    ending = phase(edition, "self_assessment", TODAY + timedelta(days=2))
    send_reminders(today=TODAY)
    EditionPhase.objects.filter(pk=ending.pk).update(ends_on=TODAY + timedelta(days=6))
    assert len(send_reminders(today=TODAY + timedelta(days=1)).reminders) == 1
    assert len(letters()) == 2


# --- clarifications ----------------------------------------------------------------------


def asked_days_ago(dossier, days: int, **fields) -> Clarification:
    focal = user_with_role(Role.FOCAL_POINT, commune=dossier.commune)
    asked = clarification(dossier, by=focal, **fields)
    at = timezone.make_aware(datetime.combine(TODAY - timedelta(days=days), time(10)))
    Clarification.objects.filter(pk=asked.pk).update(asked_at=at)
    ClarificationMessage.objects.filter(clarification=asked).update(at=at)
    return asked


def test_a_request_unanswered_for_more_than_3_days_reminds_the_team_once():
    dossier = DossierFactory(state="self_assessment", technical_team=TechnicalTeamFactory())
    verifier = team_member(dossier)
    waiting = asked_days_ago(dossier, 4)
    asked_days_ago(dossier, 3)
    asked_days_ago(dossier, 9, status="answered")
    outcome = send_reminders(today=TODAY)
    last = waiting.messages.get().pk
    assert [r.key for r in outcome.reminders] == [f"clarification-3d:{waiting.pk}:{last}"]
    assert sent_to() == [[verifier.email]]
    assert waiting.subject in letters()[0].subject
    assert send_reminders(today=TODAY).reminders == []


def test_a_request_of_a_dossier_without_team_reminds_the_coordination():
    dossier = DossierFactory(state="self_assessment")
    member = coordination_member()
    asked_days_ago(dossier, 5)
    send_reminders(today=TODAY)
    assert sent_to() == [[member.email]]


# --- the command -------------------------------------------------------------------------


def everything_due() -> None:
    label = label_until(TODAY + timedelta(days=60))
    commune_people(label.dossier)
    expired = label_until(TODAY - timedelta(days=3))
    commune_people(expired.dossier)
    edition = EditionFactory()
    commune_people(DossierFactory(edition=edition, commune=CommuneFactory(), state="eligible"))
    phase(edition, "training", TODAY + timedelta(days=1))
    dossier = DossierFactory(state="self_assessment", technical_team=TechnicalTeamFactory())
    team_member(dossier)
    asked_days_ago(dossier, 6)


def test_the_command_prints_its_counts_and_a_second_run_sends_nothing():
    everything_due()
    first = run()
    assert first.strip() == (
        "2028-01-10: 1 label(s) expired; reminders sent: labels ending within 90 days: 1; "
        "labels ending within 30 days: 0; phases ending within 7 days: 1; "
        "requests unanswered for more than 3 days: 1."
    )
    assert len(letters()) == 3 and SentReminder.objects.count() == 3
    second = run()
    assert second.strip() == (
        "2028-01-10: 0 label(s) expired; reminders sent: labels ending within 90 days: 0; "
        "labels ending within 30 days: 0; phases ending within 7 days: 0; "
        "requests unanswered for more than 3 days: 0."
    )
    assert len(letters()) == 3 and SentReminder.objects.count() == 3


def test_a_dry_run_shows_without_sending_or_recording():
    everything_due()
    shown = run("--dry-run").splitlines()
    expiring = Label.objects.get(valid_until__lt=TODAY)
    reminded = Label.objects.get(valid_until__gt=TODAY)
    assert shown[0] == f"would expire: {expiring.code}"
    assert shown[1].startswith(f"would send: label-90:{reminded.pk} to ")
    assert shown[2].startswith("would send: phase-7:")
    assert shown[3].startswith("would send: clarification-3d:")
    assert shown[4].startswith("2028-01-10, dry run, nothing changed: 1 label(s) would expire")
    assert letters() == [] and SentReminder.objects.count() == 0
    assert Label.objects.filter(status="expired").count() == 0
    assert run().startswith("2028-01-10: 1 label(s) expired")


def test_the_summary_is_in_the_operators_language():
    out = StringIO()
    call_command("send_reminders", "--today", "2028-01-10", "--lang", "fr", stdout=out)
    with translation.override("fr"):
        expected = gettext("phases ending within 7 days")
    assert f"{expected}: 0" in out.getvalue()


@pytest.mark.parametrize("day", ["2028-13-01", "tomorrow", "10/01/2028"])
def test_a_wrong_today_is_refused_with_its_format(day):
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("send_reminders", "--today", day, "--lang", "en")


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionError("the mail server is down")


def test_a_failing_mail_server_loses_no_reminder(settings):
    label = label_until(TODAY + timedelta(days=60))
    commune_people(label.dossier)
    settings.EMAIL_BACKEND = "tests.accreditation.test_reminders.FailingBackend"
    assert run().startswith("2028-01-10: 0 label(s) expired; reminders sent: labels ending")
    [letter] = letters()
    assert deliver_email(letter.pk) is False
    assert (SentReminder.objects.count(), OutboxEmail.objects.get().status) == (1, "pending")
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_due(timezone.now() + timedelta(hours=1)) == {"sent": 1, "failed": 0}
    assert [sorted(m.to) for m in mail.outbox] == [sorted(letter.recipients)]
