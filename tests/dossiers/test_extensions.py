import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import formats, timezone, translation

from citizenlabel.dossiers import rules as dossier_rules
from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import DeadlineExtension, Dossier, DossierEvent
from citizenlabel.dossiers.services.selfassessment import grant_extension
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    TechnicalTeamFactory,
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    team_member,
    user_with_role,
)

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def days(n: int) -> datetime.date:
    return TODAY() + datetime.timedelta(days=n)


@pytest.fixture
def dossier():
    """A dossier whose window closed yesterday."""
    closed = dossier_in_self_assessment()
    closed.deadline = days(-1)
    closed.save(update_fields=["deadline"])
    return closed


@pytest.fixture
def coordinator():
    return coordination_member()


def url(dossier) -> str:
    return reverse("dossiers:extension", args=[dossier.pk])


def extend(client, dossier, new_deadline, reason="تأخر تسليم الوثائق"):
    data = {"action": "extend", "extend-new_deadline": new_deadline, "extend-reason": reason}
    return client.post(url(dossier), data)


def test_an_extension_lets_the_commune_edit_again(dossier, focal_point, coordinator):
    assert dossier_rules.can_edit_self_assessment(focal_point, dossier) is False
    grant_extension(dossier=dossier, new_deadline=days(7), reason="Formation", by=coordinator)
    dossier = Dossier.objects.get(pk=dossier.pk)
    assert dossier.deadline == days(7)
    assert dossier_rules.can_edit_self_assessment(focal_point, dossier) is True


def test_the_coordination_grants_an_extension_on_the_page(client, dossier, coordinator):
    client.force_login(coordinator)
    response = extend(client, dossier, days(10).isoformat())
    assert response.status_code == 302
    extension = DeadlineExtension.objects.get()
    assert (
        extension.dossier,
        extension.previous_deadline,
        extension.new_deadline,
        extension.reason,
        extension.granted_by,
    ) == (dossier, days(-1), days(10), "تأخر تسليم الوثائق", coordinator)
    assert Dossier.objects.get(pk=dossier.pk).deadline == days(10)
    page = client.get(url(dossier))
    assert list(page.context["extensions"]) == [extension]


@pytest.mark.parametrize(
    ("new_deadline", "reason", "field"),
    [
        (days(-2).isoformat(), "Retard", None),
        (days(10).isoformat(), "   ", "reason"),
        ("", "Retard", "new_deadline"),
        ("31/02/2026x", "Retard", "new_deadline"),
    ],
    ids=["in the past", "without reason", "without date", "not a date"],
)
def test_a_wrong_extension_is_refused_and_nothing_changes(
    client, dossier, coordinator, new_deadline, reason, field
):
    client.force_login(coordinator)
    response = extend(client, dossier, new_deadline, reason)
    form = response.context["extend_form"]
    assert response.status_code == 200
    assert list(form.errors) == [field or "__all__"]
    assert 'role="alert"' in response.content.decode()
    assert DeadlineExtension.objects.count() == 0
    assert Dossier.objects.get(pk=dossier.pk).deadline == days(-1)


def test_an_extension_that_does_not_move_the_deadline_later_is_refused(dossier, coordinator):
    grant_extension(dossier=dossier, new_deadline=days(10), reason="a", by=coordinator)
    with pytest.raises(ValidationError):
        grant_extension(dossier=dossier, new_deadline=days(5), reason="b", by=coordinator)
    assert Dossier.objects.get(pk=dossier.pk).deadline == days(10)
    assert DeadlineExtension.objects.count() == 1


@pytest.mark.parametrize("who", ["focal point", "president", "team member"])
def test_only_the_coordination_extends_and_a_forged_post_changes_nothing(client, dossier, who):
    focal_point, president = commune_people(dossier)
    user = {"focal point": focal_point, "president": president}.get(who) or team_member(dossier)
    client.force_login(user)
    page = client.get(url(dossier))
    assert (page.context["extend_form"], page.context["reopen_form"]) == (None, None)
    response = extend(client, dossier, days(10).isoformat())
    assert response.status_code == 302
    assert DeadlineExtension.objects.count() == 0
    assert Dossier.objects.get(pk=dossier.pk).deadline == days(-1)
    with pytest.raises(PermissionDenied):
        grant_extension(dossier=dossier, new_deadline=days(10), reason="r", by=user)


@pytest.mark.parametrize("who", ["other team", "other commune"])
def test_outsiders_get_404(client, dossier, who):
    if who == "other team":
        user = user_with_role(Role.TECHNICAL_TEAM, technical_team=TechnicalTeamFactory())
    else:
        user = user_with_role(Role.PRESIDENT, commune=CommuneFactory())
    client.force_login(user)
    assert client.get(url(dossier)).status_code == 404
    assert extend(client, dossier, days(10).isoformat()).status_code == 404
    assert DeadlineExtension.objects.count() == 0


def submitted_dossier():
    dossier = dossier_in_self_assessment()
    Dossier.objects.filter(pk=dossier.pk).update(state=DossierState.SUBMITTED)
    dossier.refresh_from_db()
    return dossier


def reopen(client, dossier, new_deadline, reason="Pièces manquantes pour 2.1.3"):
    data = {"action": "reopen", "reopen-new_deadline": new_deadline, "reopen-reason": reason}
    return client.post(url(dossier), data)


def test_reopening_a_submitted_file_records_the_reason_and_sets_the_deadline(
    client, coordinator, django_capture_on_commit_callbacks
):
    dossier = submitted_dossier()
    people = commune_people(dossier)
    client.force_login(coordinator)
    assert client.get(url(dossier)).context["extend_form"] is None
    with django_capture_on_commit_callbacks(execute=True):
        response = reopen(client, dossier, days(14).isoformat())
    assert response.status_code == 302
    dossier.refresh_from_db()
    event = DossierEvent.objects.get(dossier=dossier)
    assert (dossier.state, dossier.deadline) == (DossierState.SELF_ASSESSMENT, days(14))
    assert (event.from_state, event.to_state, event.by, event.note) == (
        DossierState.SUBMITTED,
        DossierState.SELF_ASSESSMENT,
        coordinator,
        "Pièces manquantes pour 2.1.3",
    )
    assert dossier_rules.can_edit_self_assessment(people[0], dossier) is True
    assert list(client.get(url(dossier)).context["reopenings"]) == [event]
    assert mail.outbox[0].to == sorted(user.email for user in people)
    assert dossier.commune.name["ar"] in mail.outbox[0].body
    assert dossier.commune.name["fr"] in mail.outbox[0].body


def test_a_reopening_without_reason_or_into_the_past_changes_nothing(client, coordinator):
    dossier = submitted_dossier()
    client.force_login(coordinator)
    for new_deadline, reason in [(days(14).isoformat(), " "), (days(-1).isoformat(), "r")]:
        response = reopen(client, dossier, new_deadline, reason)
        assert response.context["reopen_form"].errors
    dossier.refresh_from_db()
    assert (dossier.state, DossierEvent.objects.count()) == (DossierState.SUBMITTED, 0)


def test_a_file_in_self_assessment_cannot_be_reopened(client, dossier, coordinator):
    client.force_login(coordinator)
    assert client.get(url(dossier)).context["reopen_form"] is None
    response = reopen(client, dossier, days(14).isoformat())
    assert response.status_code == 302
    assert DossierEvent.objects.count() == 0


def test_the_commune_reads_its_deadline_and_extensions(client, dossier, coordinator, focal_point):
    grant_extension(dossier=dossier, new_deadline=days(5), reason="Formation", by=coordinator)
    client.force_login(focal_point)
    response = client.get(url(dossier))
    assert [e.reason for e in response.context["extensions"]] == ["Formation"]
    assert left_of(response.content.decode()) == ("deadline__left", "5")
    assert (response.context["extend_form"], response.context["reopen_form"]) == (None, None)


def left_of(html: str) -> tuple[str, str] | None:
    """(the class of the days-left badge, the number it shows) — whatever the language."""
    found = re.search(r'<span class="(deadline__left[^"]*)">([^<]*)</span>', html)
    if found is None:
        return None
    number = re.search(r"\d+", found.group(2))
    return found.group(1), number.group() if number else ""


def deadline_snippet(state: str, deadline: datetime.date | None) -> str:
    dossier = Dossier(state=state, deadline=deadline)
    return render_to_string("dossiers/_deadline.html", {"dossier": dossier})


def test_the_deadline_snippet_counts_the_days_left():
    assert left_of(deadline_snippet("self_assessment", days(12))) == ("deadline__left", "12")
    assert left_of(deadline_snippet("self_assessment", days(1))) == ("deadline__left", "1")
    last_day = deadline_snippet("awaiting_approval", days(0))
    assert left_of(last_day) == ("deadline__left deadline__left--last", "")


def test_after_the_deadline_the_snippet_says_since_when_it_is_closed():
    with translation.override("fr"):
        closed = deadline_snippet("self_assessment", days(-3))
        since = formats.date_format(days(-3), "j F Y")
    assert left_of(closed)[0] == "deadline__left deadline__left--closed"
    assert since in closed
    assert f'<time datetime="{days(-3).isoformat()}">{since}</time>' in closed


def test_the_deadline_snippet_of_a_submitted_file_shows_only_the_date():
    snippet = deadline_snippet("submitted", days(-3))
    assert f'datetime="{days(-3).isoformat()}"' in snippet
    assert left_of(snippet) is None
    assert deadline_snippet("draft", None).strip() == ""
