"""The confirmation step of the irreversible steps after submission: the first POST shows
what will happen and who will be told and changes nothing; the confirmed POST acts."""

import pytest
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.translation import gettext

from citizenlabel.referential.selectors import referential_spec
from citizenlabel.verification.models import ScoreSnapshot
from citizenlabel.verification.selectors import provisional_answers, score_of
from tests.factories import CONFIRMED, coordination_member, submitted_dossier

pytestmark = pytest.mark.django_db


def test_the_provisional_score_is_asked_first_with_its_score_and_who_is_told(client):
    dossier = submitted_dossier()
    client.force_login(coordination_member())
    url = reverse("verification:record_provisional", args=[dossier.pk])
    asked = client.post(url)
    consequences = asked.context["consequences"]
    assert asked.templates[0].name == "common/confirm.html"
    spec = referential_spec(dossier.edition.referential)
    overall = score_of(spec, provisional_answers(dossier)).overall
    assert f"{floatformat(float(overall), 1)} %" in consequences.effects[0]
    assert len(consequences.told) == 2  # the commune, the technical team
    assert ScoreSnapshot.objects.count() == 0
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    html = asked.content.decode()
    assert 'name="confirmed" value="yes"' in html
    assert f'action="{url}"' in html
    client.post(url, CONFIRMED)
    dossier.refresh_from_db()
    assert (dossier.state, ScoreSnapshot.objects.get().kind) == (
        "provisionally_scored",
        "provisional",
    )


def test_someone_who_may_not_act_is_not_asked_and_nothing_changes(client):
    from tests.factories import team_member

    dossier = submitted_dossier()
    client.force_login(team_member(dossier))
    response = client.post(
        reverse("verification:record_provisional", args=[dossier.pk]), follow=True
    )
    assert "consequences" not in response.context
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert ScoreSnapshot.objects.count() == 0


def test_the_final_score_page_says_what_will_happen_and_who_is_told(client):
    from tests.factories import finish_verification, verification_dossier

    dossier, verifier = verification_dossier()
    finish_verification(dossier, verifier)
    client.force_login(verifier)
    page = client.get(reverse("verification:final", args=[dossier.pk]))
    consequences = page.context["consequences"]
    assert consequences.told == [gettext("the coordination committee")]
    assert gettext("The verification can no longer be changed.") in consequences.effects
    assert gettext("The verification can no longer be changed.") in page.content.decode()
    assert ScoreSnapshot.objects.filter(kind="final").count() == 0
