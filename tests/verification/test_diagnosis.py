"""The participatory diagnosis: the service and the page, for every role."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from citizenlabel.verification.forms.diagnosis import FORGED_PRINCIPLE
from citizenlabel.verification.models import AgreedPriority, DiagnosisParticipant, DiagnosisPoint
from citizenlabel.verification.services.diagnosis import save_diagnosis
from tests.factories import (
    commune_people,
    coordination_member,
    dossier_in_self_assessment,
    other_referential_question,
    team_member,
)

pytestmark = pytest.mark.django_db


def principles(dossier):
    return list(dossier.edition.referential.principles.order_by("position"))


def rows(dossier, *, count=1):
    first, second = principles(dossier)[:2]
    return {
        "points": [
            DiagnosisPoint(principle=first, kind="strength", text=f"لجنة المساواة نشيطة {n}")
            for n in range(count)
        ]
        + [DiagnosisPoint(principle=second, kind="weakness", text="لا تقارير تتبع")],
        "participants": [
            DiagnosisParticipant(full_name=f"مشارك {n}", category="council", gender="woman")
            for n in range(count)
        ]
        + [DiagnosisParticipant(full_name="سعيد", category="staff", gender="man")],
        "priorities": [AgreedPriority(text=f"أولوية {n}") for n in range(count)],
    }


def stored(dossier):
    return (
        list(DiagnosisPoint.objects.filter(dossier=dossier).values_list("kind", "text")),
        list(
            DiagnosisParticipant.objects.filter(dossier=dossier).values_list("full_name", "gender")
        ),
        list(AgreedPriority.objects.filter(dossier=dossier).values_list("position", "text")),
    )


# --- the service -------------------------------------------------------------------------


def test_it_replaces_the_three_lists_and_numbers_the_priorities(visit):
    dossier, verifier = visit
    save_diagnosis(dossier=dossier, **rows(dossier, count=3), by=verifier)
    save_diagnosis(dossier=dossier, **rows(dossier), by=verifier)
    assert stored(dossier) == (
        [("strength", "لجنة المساواة نشيطة 0"), ("weakness", "لا تقارير تتبع")],
        [("مشارك 0", "woman"), ("سعيد", "man")],
        [(1, "أولوية 0")],
    )


def test_a_principle_of_another_referential_is_refused_and_nothing_changes(visit):
    dossier, verifier = visit
    save_diagnosis(dossier=dossier, **rows(dossier), by=verifier)
    before = stored(dossier)
    forged = other_referential_question().principle
    data = rows(dossier, count=2)
    data["priorities"][0].principle = forged
    with pytest.raises(ValidationError) as refused:
        save_diagnosis(dossier=dossier, **data, by=verifier)
    message = _(
        "Principle %(ids)s is not a principle of this dossier's referential: nothing was changed."
    )
    assert refused.value.messages == [message % {"ids": forged.pk}]
    assert stored(dossier) == before


def test_a_wrong_row_is_refused_and_nothing_changes(visit):
    dossier, verifier = visit
    data = rows(dossier)
    data["participants"][0].category = "mayor"
    with pytest.raises(ValidationError):
        save_diagnosis(dossier=dossier, **data, by=verifier)
    assert stored(dossier) == ([], [], [])


@pytest.mark.parametrize("who", ["other_team", "coordination", "after_final_score"])
def test_only_the_team_records_the_diagnosis_during_the_verification(visit, who):
    dossier, verifier = visit
    user = verifier
    if who == "other_team":
        user = team_member(dossier_in_self_assessment())
    elif who == "coordination":
        user = coordination_member()
    else:
        dossier.state = "verified"
    with pytest.raises(PermissionDenied):
        save_diagnosis(dossier=dossier, **rows(dossier), by=user)
    assert stored(dossier) == ([], [], [])


# --- the page ----------------------------------------------------------------------------


def url(dossier):
    return reverse("verification:diagnosis", args=[dossier.pk])


def management(prefix, total, initial=0):
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def form_data(dossier, *, principle=None):
    first, second = principles(dossier)[:2]
    return {
        **management("points", 3),
        "points-0-principle": str(principle or first.pk),
        "points-0-kind": "strength",
        "points-0-text": "هيئة المساواة مشاركة",
        "points-1-principle": str(second.pk),
        "points-1-kind": "weakness",
        "points-1-text": "غياب تقارير التتبع",
        **management("participants", 3),
        "participants-0-full_name": "فاطمة",
        "participants-0-category": "equality_body",
        "participants-0-gender": "woman",
        "participants-1-full_name": "أحمد",
        "participants-1-category": "staff",
        "participants-1-gender": "man",
        **management("priorities", 3),
        "priorities-0-text": "نشر تقارير التتبع",
        "priorities-0-ORDER": "2",
        "priorities-1-text": "تفعيل هيئة المساواة",
        "priorities-1-principle": str(first.pk),
        "priorities-1-ORDER": "1",
    }


def test_the_team_records_the_diagnosis_in_one_form(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    assert client.get(url(dossier)).status_code == 200
    response = client.post(url(dossier), form_data(dossier))
    assert response.status_code == 302
    assert stored(dossier) == (
        [("strength", "هيئة المساواة مشاركة"), ("weakness", "غياب تقارير التتبع")],
        [("فاطمة", "woman"), ("أحمد", "man")],
        [(1, "تفعيل هيئة المساواة"), (2, "نشر تقارير التتبع")],
    )
    first = principles(dossier)[0]
    assert AgreedPriority.objects.get(position=1).principle == first


def test_a_forged_principle_is_refused_with_its_message(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    forged = other_referential_question().principle.pk
    response = client.post(url(dossier), form_data(dossier, principle=forged))
    assert response.status_code == 422
    assert response.context["problems"] == [
        (
            "#id_points-0-principle",
            _("%(section)s, row %(row)s, %(field)s: %(error)s")
            % {
                "section": _("Strengths and weaknesses"),
                "row": 1,
                "field": _("Principle"),
                "error": _(FORGED_PRINCIPLE),
            },
        )
    ]
    assert 'role="alert"' in response.content.decode()
    assert stored(dossier) == ([], [], [])


def test_a_half_filled_participant_is_refused(client, visit):
    dossier, verifier = visit
    client.force_login(verifier)
    data = form_data(dossier)
    data["participants-2-full_name"] = "بدون فئة"
    response = client.post(url(dossier), data)
    assert response.status_code == 422
    assert [anchor for anchor, _m in response.context["problems"]] == [
        "#id_participants-2-category",
        "#id_participants-2-gender",
    ]
    assert stored(dossier) == ([], [], [])


@pytest.mark.parametrize("who", ["coordination", "team_after_final_score", "published_commune"])
def test_readers_see_the_diagnosis_without_a_form(client, visit, who):
    dossier, verifier = visit
    save_diagnosis(dossier=dossier, **rows(dossier), by=verifier)
    user = {"coordination": coordination_member}.get(who, lambda: verifier)()
    if who != "coordination":
        dossier.state = "verified"
        if who == "published_commune":
            dossier.results_published_at = timezone.now()
            user = commune_people(dossier)[0]
        dossier.save()
    client.force_login(user)
    response = client.get(url(dossier))
    assert response.status_code == 200
    html = response.content.decode()
    assert "لا تقارير تتبع" in html and "سعيد" in html
    assert "points-TOTAL_FORMS" not in html
    response = client.post(url(dossier), form_data(dossier))
    assert response.status_code == 403
    assert stored(dossier)[2] == [(1, "أولوية 0")]


@pytest.mark.parametrize("who", ["other_team", "unpublished_commune"])
def test_outsiders_get_404(client, visit, who):
    dossier, _verifier = visit
    if who == "other_team":
        user = team_member(dossier_in_self_assessment())
    else:
        user = commune_people(dossier)[1]
    client.force_login(user)
    assert client.get(url(dossier)).status_code == 404
    assert client.post(url(dossier), form_data(dossier)).status_code == 404
    assert stored(dossier) == ([], [], [])


@pytest.mark.parametrize(("editable", "bound"), [(True, 13), (False, 10)])
def test_the_page_costs_the_same_queries_whatever_the_rows(
    client, visit, django_assert_max_num_queries, editable, bound
):
    dossier, verifier = visit
    client.force_login(verifier if editable else coordination_member())
    save_diagnosis(dossier=dossier, **rows(dossier), by=verifier)
    with django_assert_max_num_queries(bound) as one:
        client.get(url(dossier))
    save_diagnosis(dossier=dossier, **rows(dossier, count=10), by=verifier)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = client.get(url(dossier))
    assert len(response.context["current"].participants) == 11
