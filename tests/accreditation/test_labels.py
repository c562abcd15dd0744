"""Labels: who sees them, their history, revocation, renewal, the public verification."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from citizenlabel.accreditation.models import (
    Label,
)
from citizenlabel.accreditation.selectors_labels import (
    check_code,
    label_history,
    normalise_code,
    with_labels,
)
from citizenlabel.accreditation.services.decisions import (
    close_round,
    record_vote,
)
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


def verify_url(code: str) -> str:
    return reverse("accreditation:verify", args=[code])


# --- the code ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "LCC-7K3M-Q9XA-2BFP",
        "lcc-7k3m-q9xa-2bfp",
        "  lcc 7k3m q9xa 2bfp ",
        "7K3MQ9XA2BFP",
        "LCC–7K3M—Q9XA_2BFP",
        "lcc.7k3m.q9xa.2bfp",
    ],
)
def test_a_code_is_normalised_whatever_the_case_spaces_and_dashes(typed):
    assert normalise_code(typed) == "LCC-7K3M-Q9XA-2BFP"


def test_arabic_indic_digits_are_read_as_digits():
    assert normalise_code("LCC-٧K٣M-Q٩XA-٢BFP") == "LCC-7K3M-Q9XA-2BFP"


@pytest.mark.parametrize(
    "typed",
    ["", "LCC", "LCC-7K3M-Q9XA-2BF", "LCC-7K3M-Q9XA-2BFPP", "LCC-7K3M-Q9XA-2BF0", "x" * 500],
)
def test_what_cannot_be_a_code_normalises_to_none(typed):
    assert normalise_code(typed) is None


# --- who sees a label --------------------------------------------------------------------


@pytest.fixture
def label():
    return granted_label(commune=CommuneFactory(name={"ar": "شفشاون", "fr": "Chefchaouen"}))


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


# --- the public verification page --------------------------------------------------------


def test_a_typed_code_in_small_letters_and_spaces_leads_to_its_page(label, client):
    typed = " " + label.code.lower().replace("-", " ") + " "
    response = client.get(reverse("accreditation:verify"), {"code": typed})
    assert response.status_code == 302
    assert response["Location"] == verify_url(label.code)
    assert client.get(verify_url(label.code.lower())).headers["Location"] == verify_url(label.code)


def test_the_public_page_confirms_an_active_label_and_nothing_else(label, client):
    response = client.get(verify_url(label.code))
    page = response.content.decode()
    assert response.status_code == 200
    assert response.context["checked"].status == "active"
    assert 'data-status="active"' in page and "شفشاون" in page
    assert label.commune.province.name["ar"] in page
    assert label.valid_until.year and str(label.valid_until.year) in page
    for secret in (SECRET_SCORE, "83,47", SECRET_JUSTIFICATION, "الرباط"):
        assert secret not in page
    assert reverse("dossiers:detail", args=[label.dossier_id]) not in page
    assert response["X-Robots-Tag"] == "noindex"


def _altered(code: str) -> str:
    last = code[-1]
    return code[:-1] + ("A" if last != "A" else "B")


@pytest.mark.parametrize(
    "typed",
    ["altered", "LCC-0000-0000-0000", "LCC-1234", "<script>alert(1)</script>", "لا أعرف", "%00"],
)
def test_an_unknown_malformed_or_altered_code_is_said_unknown(label, client, typed):
    typed = _altered(label.code) if typed == "altered" else typed
    response = client.get(reverse("accreditation:verify"), {"code": typed}, follow=True)
    assert response.status_code == 404
    assert response.context["checked"].found is False
    page = response.content.decode()
    assert 'data-status="unknown"' in page and "<script>alert" not in page
    assert "شفشاون" not in page


def test_a_code_too_long_or_empty_gets_the_forms_message(client):
    for typed in ("", "x" * 65):
        response = client.get(reverse("accreditation:verify"), {"code": typed})
        assert response.status_code == 200
        assert response.context["checked"] is None
        assert 'role="alert"' in response.content.decode()


def test_odd_paths_never_fail(client):
    for code in ("x" * 300, "LCC-%20", "ـــ", "lcc-aaaa-bbbb-cccc"):
        response = client.get(verify_url(code), follow=True)
        assert response.status_code == 404


def test_the_public_page_says_expired_once_the_last_day_passed(client):
    label = granted_label(on=date(2020, 1, 1))  # valid until 2022-01-01; not yet marked
    response = client.get(verify_url(label.code))
    assert response.context["checked"].status == "expired"
    assert 'data-status="expired"' in response.content.decode()


def test_the_public_page_says_revoked_with_the_date_and_the_reason(label, client):
    revoke_label(label=label, reason="إخلال بشروط الميزة", by=coordination_member())
    response = client.get(verify_url(label.code))
    checked = response.context["checked"]
    assert (checked.status, checked.revoked_on) == ("revoked", timezone.localdate())
    page = response.content.decode()
    assert 'data-status="revoked"' in page and "إخلال بشروط الميزة" in page


def test_the_public_page_of_a_renewed_label_leads_to_the_newer_one(client):
    commune = CommuneFactory()
    first = granted_label(commune=commune, on=timezone.localdate() - timedelta(days=600))
    second = granted_label(commune=commune)
    response = client.get(verify_url(first.code))
    assert response.context["checked"].status == "renewed"
    assert verify_url(second.code) in response.content.decode()


@pytest.mark.parametrize("revoked", [False, True])
def test_the_public_page_costs_one_select_two_when_revoked(
    label, client, revoked, django_assert_num_queries
):
    if revoked:
        revoke_label(label=label, reason="سبب", by=coordination_member())
    savepoints = 2  # the request's transaction (ATOMIC_REQUESTS)
    with django_assert_num_queries(savepoints + 1 + revoked):
        assert client.get(verify_url(label.code)).status_code == 200
    with django_assert_num_queries(savepoints + 1):
        assert client.get(verify_url(_altered(label.code))).status_code == 404
    with django_assert_num_queries(savepoints):  # cannot be a code: nothing to look up
        assert client.get(verify_url("nonsense")).status_code == 404


def test_check_code_of_none_or_nonsense_is_unknown():
    assert check_code(None).found is False
    assert check_code("LCC-2222-3333-4444").code == "LCC-2222-3333-4444"
