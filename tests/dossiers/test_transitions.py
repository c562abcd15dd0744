import pytest
from django.core import mail

from citizenlabel.dossiers.enums import DossierState
from citizenlabel.dossiers.models import DossierEvent
from citizenlabel.dossiers.services.transitions import TransitionRefused, transition_dossier
from tests.factories import DossierFactory, commune_people, coordination_member

pytestmark = pytest.mark.django_db


def test_a_move_records_who_when_why_and_notifies_in_both_languages(
    django_capture_on_commit_callbacks,
):
    dossier = DossierFactory(state=DossierState.CANDIDACY_SUBMITTED)
    focal, president = commune_people(dossier)
    member = coordination_member()
    with django_capture_on_commit_callbacks(execute=True):
        transition_dossier(dossier, to=DossierState.INELIGIBLE, by=member, note="ناقص")
    event = DossierEvent.objects.get(dossier=dossier)
    assert (event.from_state, event.to_state, event.by, event.note) == (
        "candidacy_submitted",
        "ineligible",
        member,
        "ناقص",
    )
    dossier.refresh_from_db()
    assert dossier.state == "ineligible"
    [email] = mail.outbox
    assert sorted(email.to) == sorted([focal.email, president.email])
    assert "Not eligible" not in email.body  # translated, not the source text
    assert "غير مؤهل" in email.body or "غير مؤهلة" in email.body
    assert "Non éligible" in email.body


def test_a_move_absent_from_the_table_is_refused_and_nothing_changes():
    dossier = DossierFactory(state=DossierState.DRAFT)
    with pytest.raises(TransitionRefused):
        transition_dossier(dossier, to=DossierState.SUBMITTED, by=coordination_member())
    dossier.refresh_from_db()
    assert dossier.state == "draft"
    assert DossierEvent.objects.count() == 0


def test_the_wrong_person_cannot_make_an_allowed_move():
    dossier = DossierFactory(state=DossierState.DRAFT)
    focal, _president = commune_people(dossier)
    other_president = commune_people(DossierFactory())[1]
    for user in (focal, other_president, coordination_member()):
        with pytest.raises(TransitionRefused):
            transition_dossier(dossier, to=DossierState.CANDIDACY_SUBMITTED, by=user)
    assert DossierEvent.objects.count() == 0
