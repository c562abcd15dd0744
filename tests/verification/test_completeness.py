"""A final score only on a finished verification, and nothing recorded before the visit."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from citizenlabel.common.problems import InvalidInput
from citizenlabel.verification.completeness import final_score_missing
from citizenlabel.verification.enums import Component
from citizenlabel.verification.models import ScoreSnapshot, VerifiedAnswer
from citizenlabel.verification.selectors import verified_answers
from citizenlabel.verification.services.components import score_component
from citizenlabel.verification.services.scores import record_final_score
from citizenlabel.verification.services.verify import record_verified_answer
from tests.factories import finish_verification, question, verification_dossier

pytestmark = pytest.mark.django_db


def mark_unverifiable(dossier, verifier, code, reason):
    return record_verified_answer(
        dossier=dossier,
        question=question(dossier, code),
        evidence_status="unverifiable",
        options=["d"],  # the declared options preselected on the card
        reason=reason,
        seen_version=0,
        by=verifier,
    )


def test_the_final_score_is_refused_with_everything_missing_and_nothing_is_stored():
    dossier, verifier = verification_dossier()
    with pytest.raises(ValidationError) as refused:
        record_final_score(dossier=dossier, by=verifier)
    messages = refused.value.messages
    first = question(dossier, "1.1.1")
    assert final_score_missing(dossier)[0].url == (
        reverse("verification:verify", args=[dossier.pk, "F1"]) + f"#vq-{first.pk}"
    )
    assert len(messages) == 5 + 3 + 3  # five fields, three components, three diagnosis parts
    assert messages[5:8] == [
        gettext("Component not scored: %(component)s.") % {"component": c.label} for c in Component
    ]
    assert messages[8:] == [
        gettext("Participatory diagnosis: no strength or weakness recorded."),
        gettext("Participatory diagnosis: no participant recorded."),
        gettext("Participatory diagnosis: no priority agreed with the commune."),
    ]
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 0
    dossier.refresh_from_db()
    assert dossier.state == "verification"


def test_one_answer_left_is_named_with_its_link():
    dossier, verifier = verification_dossier()
    finish_verification(dossier, verifier)
    last = question(dossier, "5.2.5")
    VerifiedAnswer.objects.filter(dossier=dossier, question=last).delete()
    missing = final_score_missing(dossier)
    assert [(m.message, m.url) for m in missing] == [
        (
            gettext(
                'Field %(field)s: %(count)s answer is neither verified nor marked "could not be '
                'verified" (%(codes)s).'
            )
            % {"field": "F5", "count": 1, "codes": "5.2.5"},
            reverse("verification:verify", args=[dossier.pk, "F5"]) + f"#vq-{last.pk}",
        )
    ]
    with pytest.raises(ValidationError):
        record_final_score(dossier=dossier, by=verifier)


def test_could_not_be_verified_needs_its_reason():
    dossier, verifier = verification_dossier()
    with pytest.raises(InvalidInput) as refused:
        mark_unverifiable(dossier, verifier, "1.1.1", reason="  ")
    assert [p.message for p in refused.value.problems] == [
        gettext("Say why this answer could not be verified.")
    ]
    assert not VerifiedAnswer.objects.filter(dossier=dossier).exists()


def test_could_not_be_verified_keeps_its_reason_and_earns_no_points():
    dossier, verifier = verification_dossier()
    marked = mark_unverifiable(dossier, verifier, "1.1.1", reason="الأرشيف مغلق يوم الزيارة")
    assert (marked.evidence_status, marked.options, marked.reason) == (
        "unverifiable",
        [],
        "الأرشيف مغلق يوم الزيارة",
    )
    assert marked.could_not_verify
    assert "1.1.1" not in verified_answers(dossier)  # declared d no longer counts
    finish_verification(dossier, verifier)
    assert final_score_missing(dossier) == []
    final = record_final_score(dossier=dossier, by=verifier)
    assert "1.1.1" not in final.answers
    assert final.answers["1.1.2"] == ["b", "g"]
    dossier.refresh_from_db()
    assert dossier.state == "verified"


def test_the_database_refuses_a_mark_without_reason():
    from django.db import IntegrityError

    dossier, verifier = verification_dossier()
    with pytest.raises(IntegrityError):
        VerifiedAnswer.objects.create(
            dossier=dossier,
            question=question(dossier, "1.1.1"),
            evidence_status="unverifiable",
            reason="",
            verified_by=verifier,
        )


# --- nothing before the visit's day -----------------------------------------------------


def visit_tomorrow():
    dossier, verifier = verification_dossier()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    dossier.visit.date = tomorrow
    dossier.visit.save()
    message = gettext(
        "The visit takes place on %(date)s: what it finds is recorded from that day on. "
        "Nothing was changed."
    ) % {"date": formats.date_format(tomorrow)}
    return dossier, verifier, message


def test_answers_components_and_diagnosis_are_refused_before_the_visit_day():
    from citizenlabel.verification.services.diagnosis import save_diagnosis

    dossier, verifier, message = visit_tomorrow()
    with pytest.raises(PermissionDenied) as refused:
        record_verified_answer(
            dossier=dossier,
            question=question(dossier, "1.1.1"),
            evidence_status="seen",
            options=["d"],
            reason="",
            seen_version=0,
            by=verifier,
        )
    assert str(refused.value) == message
    with pytest.raises(PermissionDenied) as refused:
        score_component(
            dossier=dossier, component="ownership", level=2, justification="…", by=verifier
        )
    assert str(refused.value) == message
    with pytest.raises(PermissionDenied) as refused:
        save_diagnosis(dossier=dossier, points=[], participants=[], priorities=[], by=verifier)
    assert str(refused.value) == message
    finish_verification(dossier, verifier)
    with pytest.raises(PermissionDenied):
        record_final_score(dossier=dossier, by=verifier)
    assert ScoreSnapshot.objects.filter(dossier=dossier, kind="final").count() == 0


def test_the_pages_say_the_verification_opens_on_the_visit_day(client):
    dossier, verifier, message = visit_tomorrow()
    client.force_login(verifier)
    response = client.get(reverse("verification:verify", args=[dossier.pk, "F1"]))
    assert response.context["editable"] is False
    date = formats.date_format(dossier.visit.date)
    assert response.context["not_open"] == gettext(
        "Read-only until the day of the visit, %(date)s: it is recorded from then on."
    ) % {"date": date}
    response = client.get(reverse("verification:final", args=[dossier.pk]))
    assert response.context["before_visit"] is True
    assert response.context["not_open"] == message
    assert b'name="confirm"' not in response.content


def test_on_the_visit_day_the_verification_is_open():
    dossier, verifier = verification_dossier()
    assert dossier.visit.date == timezone.localdate()
    saved = score_component(
        dossier=dossier, component="ownership", level=2, justification="…", by=verifier
    )
    assert saved.score == 50
