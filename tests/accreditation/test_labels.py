"""Labels: who sees them, their history, revocation, renewal. Codes and the public
verification page are in test_label_codes.py."""

from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from citizenlabel.accreditation.models import Label
from citizenlabel.accreditation.selectors_labels import label_history, with_labels
from citizenlabel.accreditation.services.decisions import close_round, record_vote
from citizenlabel.accreditation.services.labels import expire_labels, revoke_label
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    TechnicalTeamFactory,
    commune_people,
    coordination_member,
    user_with_role,
)
from tests.factories.accreditation import (
    SECRET_JUSTIFICATION,
    SECRET_SCORE,
    decided_item,
    granted_label,
)

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- who sees a label --------------------------------------------------------------------


def test_the_list_shows_every_label_to_national_staff_and_the_committee(label, client):
    other = granted_label()
    for user in (coordination_member(), user_with_role(Role.ACCREDITATION)):
        response = client_for(user).get(reverse("accreditation:label_list"))
        assert response.status_code == 200
        assert list(response.context["page"]) == [label, other]  # same day: in order of grant


def test_a_commune_sees_only_its_own_labels(label):
    granted_label()
    focal, president = commune_people(label.dossier)
    for user in (focal, president):
        response = client_for(user).get(reverse("accreditation:label_list"))
        assert list(response.context["page"]) == [label]


def test_outsiders_get_404_on_the_list_the_page_and_the_certificate(label, client):
    other_commune = user_with_role(Role.FOCAL_POINT, commune=CommuneFactory())
    team = user_with_role(Role.TECHNICAL_TEAM, technical_team=TechnicalTeamFactory())
    for user in (other_commune, team):
        c = client_for(user)
        assert c.get(reverse("accreditation:label", args=[label.pk])).status_code == 404
        assert c.get(reverse("accreditation:certificate", args=[label.pk])).status_code == 404
    assert client_for(team).get(reverse("accreditation:label_list")).status_code == 404
    anonymous = client.get(reverse("accreditation:label", args=[label.pk]))
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]


def test_the_label_page_shows_facts_history_and_certificate_links(label):
    focal, _president = commune_people(label.dossier)
    response = client_for(focal).get(reverse("accreditation:label", args=[label.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert label.code in page and "شفشاون" in page
    assert reverse("accreditation:certificate", args=[label.pk]) + "?lang=fr" in page
    assert response.context["may_revoke"] is False
    assert 'name="reason"' not in page
    assert SECRET_SCORE not in page and SECRET_JUSTIFICATION not in page


def page_base_cost(c: Client) -> int:
    """Queries of a signed-in page that reads nothing itself (the public form): the request's
    savepoints, the session, the user, the roles and the menu's permissions."""
    with CaptureQueriesContext(connection) as base:
        c.get(reverse("accreditation:verify"))
    return len(base)


def test_the_label_page_costs_the_same_queries_with_a_long_history(
    label, django_assert_num_queries
):
    c = client_for(coordination_member())
    url = reverse("accreditation:label", args=[label.pk])
    base = page_base_cost(c)
    with django_assert_num_queries(base + 3):  # the label, what it renews, its history
        c.get(url)
    for _ in range(9):  # ten history records
        label.save()
    with django_assert_num_queries(base + 3):
        assert len(c.get(url).context["history"]) == 1


@pytest.mark.parametrize("count", [1, 10])
def test_the_list_costs_a_fixed_number_of_queries(count, django_assert_num_queries):
    for _ in range(count):
        granted_label()
    c = client_for(coordination_member())
    base = page_base_cost(c)
    with django_assert_num_queries(base + 2):  # the count and the page
        response = c.get(reverse("accreditation:label_list"))
    assert len(response.context["page"]) == count


def test_the_list_filters_by_status(label):
    other = granted_label()
    revoke_label(label=other, reason="إخلال", by=coordination_member())
    c = client_for(coordination_member())
    revoked = c.get(reverse("accreditation:label_list"), {"status": "revoked"})
    assert list(revoked.context["page"]) == [other]
    unknown = c.get(reverse("accreditation:label_list"), {"status": "nonsense"})
    assert len(unknown.context["page"]) == 2


# --- revocation --------------------------------------------------------------------------


def test_the_coordination_revokes_with_a_reason_and_the_commune_hears_of_it(
    label, django_capture_on_commit_callbacks
):
    focal, president = commune_people(label.dossier)
    member = coordination_member()
    with django_capture_on_commit_callbacks(execute=True):
        revoke_label(label=label, reason="  إخلال بشروط الميزة  ", by=member)
    label.refresh_from_db()
    assert (label.status, label.status_reason) == ("revoked", "إخلال بشروط الميزة")
    [letter] = mail.outbox
    assert sorted(letter.to) == sorted([focal.email, president.email])
    assert "إخلال بشروط الميزة" in letter.body and label.code in letter.body
    last = label_history(label)[-1]
    assert (last.old, last.new, last.by, last.reason) == (
        "active",
        "revoked",
        member,
        "إخلال بشروط الميزة",
    )


@pytest.mark.parametrize("reason", ["", "   ", "x" * 2001])
def test_a_revocation_without_a_proper_reason_is_refused(label, reason):
    with pytest.raises(ValidationError) as refused:
        revoke_label(label=label, reason=reason, by=coordination_member())
    assert "reason" in refused.value.message_dict
    label.refresh_from_db()
    assert label.status == "active" and label.history.count() == 1
    assert mail.outbox == []


@pytest.mark.parametrize("status", ["revoked", "expired", "renewed"])
def test_a_label_no_longer_active_cannot_be_revoked(label, status):
    Label.objects.filter(pk=label.pk).update(status=status, status_reason="قبل")
    with translation.override("en"), pytest.raises(ValidationError, match="only an active label"):
        revoke_label(label=label, reason="سبب", by=coordination_member())
    label.refresh_from_db()
    assert (label.status, label.status_reason) == (status, "قبل")


def test_only_the_coordination_revokes(label):
    focal, president = commune_people(label.dossier)
    for user in (focal, president, user_with_role(Role.ACCREDITATION)):
        with pytest.raises(PermissionDenied):
            revoke_label(label=label, reason="سبب", by=user)
    label.refresh_from_db()
    assert label.status == "active"


def test_the_revocation_form_records_and_redirects(label, django_capture_on_commit_callbacks):
    c = client_for(coordination_member())
    url = reverse("accreditation:label_revoke", args=[label.pk])
    empty = c.post(url, {"reason": " "})
    assert empty.status_code == 422
    assert 'role="alert"' in empty.content.decode()
    asked = c.post(url, {"reason": "وثائق مزورة"})  # first what will happen, nothing done
    assert [t.name for t in asked.templates][0] == "common/confirm.html"
    label.refresh_from_db()
    assert label.status == "active"
    with django_capture_on_commit_callbacks(execute=True):
        done = c.post(url, {"reason": "وثائق مزورة", "confirmed": "yes"}, follow=True)
    assert done.redirect_chain == [(reverse("accreditation:label", args=[label.pk]), 302)]
    label.refresh_from_db()
    assert label.status == "revoked"
    again = c.post(url, {"reason": "مرة ثانية", "confirmed": "yes"})
    assert again.status_code == 422 and Label.objects.get().status_reason == "وثائق مزورة"


def test_an_insider_who_cannot_revoke_gets_403_and_an_outsider_404(label):
    focal, _president = commune_people(label.dossier)
    url = reverse("accreditation:label_revoke", args=[label.pk])
    assert client_for(focal).post(url, {"reason": "سبب"}).status_code == 403
    outsider = user_with_role(Role.FOCAL_POINT, commune=CommuneFactory())
    assert client_for(outsider).post(url, {"reason": "سبب"}).status_code == 404
    label.refresh_from_db()
    assert label.status == "active"


# --- expiry and renewal ------------------------------------------------------------------


def test_expire_labels_marks_only_the_labels_past_their_last_day():
    today = date(2028, 3, 16)
    past = granted_label(on=date(2026, 3, 15))  # valid until 2028-03-15
    current = granted_label(on=date(2026, 3, 16))  # valid until 2028-03-16: its last day
    assert expire_labels(today=today) == [past]
    past.refresh_from_db(), current.refresh_from_db()
    assert (past.status, current.status) == ("expired", "active")
    change = label_history(past)[-1]
    assert (change.old, change.new, change.by) == ("active", "expired", None)
    assert expire_labels(today=today) == []


def test_a_new_label_renews_the_communes_active_one_through_the_decision():
    commune = CommuneFactory()
    first = granted_label(commune=commune, on=date(2026, 3, 15))
    item = decided_item(commune=commune)
    chair = item.session.chair
    record_vote(item=item, choice="for", by=chair)
    assert close_round(item=item, justification="", by=chair).result == "adopted"
    first.refresh_from_db()
    second = Label.objects.get(dossier=item.dossier)
    assert (first.status, first.renewed_by, second.status) == ("renewed", second, "active")
    assert second.granted_on == timezone.localdate()  # the decision's day
    assert [c.new for c in label_history(first)] == ["active", "renewed"]
    assert list(with_labels(commune).labels.all()) == [second, first]


def test_the_communes_labels_snippet_shows_its_history_in_one_query(django_assert_num_queries, rf):
    from django.template.loader import render_to_string

    commune = CommuneFactory()
    first = granted_label(commune=commune, on=date(2024, 1, 10))
    Label.objects.filter(pk=first.pk).update(status="renewed")
    second = granted_label(commune=commune, on=date(2026, 1, 10))
    viewer = coordination_member()
    request = rf.get("/")
    request.user = viewer
    commune = with_labels(CommuneFactory._meta.model.objects.get(pk=commune.pk))
    with django_assert_num_queries(1):  # the viewer's roles; the labels are already loaded
        html = render_to_string(
            "accreditation/_commune_labels.html", {"commune": commune, "user": viewer}, request
        )
    assert html.count('class="commune-labels__item"') == 2
    assert reverse("accreditation:label", args=[second.pk]) in html
    assert "label-status--renewed" in html and "label-status--active" in html
    empty = render_to_string(
        "accreditation/_commune_labels.html", {"commune": CommuneFactory(), "user": viewer}
    )
    assert empty.strip() == ""  # no card at all for a commune never labelled


def test_the_dossier_of_a_new_edition_shows_the_communes_earlier_label():
    earlier = granted_label(on=date(2024, 5, 2))
    dossier = DossierFactory(commune=earlier.commune, state="self_assessment")
    focal, _president = commune_people(dossier)
    response = client_for(focal).get(reverse("dossiers:detail", args=[dossier.pk]))
    page = response.content.decode()
    assert 'class="commune-labels__item"' in page
    assert reverse("accreditation:label", args=[earlier.pk]) in page
    assert SECRET_SCORE not in page
