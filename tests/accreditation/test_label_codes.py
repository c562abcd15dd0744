"""A label's code: how a typed code is read, and the public page that checks it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from citizenlabel.accreditation.selectors_labels import check_code, normalise_code
from citizenlabel.accreditation.services.labels import revoke_label
from tests.factories import CommuneFactory, coordination_member
from tests.factories.accreditation import SECRET_JUSTIFICATION, SECRET_SCORE, granted_label

pytestmark = pytest.mark.django_db


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
