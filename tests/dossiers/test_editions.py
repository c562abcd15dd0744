from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from citizenlabel.demo.dossiers import demo_calendar
from citizenlabel.dossiers.enums import Phase
from citizenlabel.dossiers.models import Edition, EditionPhase
from citizenlabel.dossiers.services.editions import (
    PhaseDates,
    open_call_for_candidacies,
    save_edition,
)
from citizenlabel.people.enums import Role
from tests.factories import (
    CommuneFactory,
    EditionFactory,
    coordination_member,
    default_referential,
    user_with_role,
)

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 29)


def form_data(referential, communes, **overrides) -> dict:
    data = {
        "name_ar": "نسخة 2027",
        "name_fr": "Édition 2027",
        "referential": referential.pk,
        "target_communes": [c.pk for c in communes],
        "self_assessment_weeks": 4,
        "weight_questionnaire": 70,
        "weight_information_access": 10,
        "weight_ownership": 10,
        "weight_equality_body": 10,
        "achievement_weight": 30,
        "label_threshold": 70,
        "principle_floor": 50,
        "label_validity_months": 24,
        "conditions_ar": "مداولة المجلس\nتعيين العنصر المحوري",
        "conditions_fr": "Délibération du conseil\nDésignation du point focal",
    }
    for phase in demo_calendar(TODAY):
        data[f"{phase.phase}_start"] = phase.starts_on.isoformat()
        data[f"{phase.phase}_end"] = phase.ends_on.isoformat()
    return {**data, **overrides}


def test_a_coordination_member_creates_an_edition_with_its_calendar(client):
    client.force_login(coordination_member())
    referential, communes = default_referential(), [CommuneFactory(), CommuneFactory()]
    response = client.post(reverse("dossiers:edition_create"), form_data(referential, communes))
    edition = Edition.objects.get()
    assert response.status_code == 302
    assert edition.name == {"ar": "نسخة 2027", "fr": "Édition 2027"}
    assert list(edition.phases.values_list("phase", flat=True)) == list(Phase.values)
    assert [c.text["fr"] for c in edition.eligibility_conditions.all()] == [
        "Délibération du conseil",
        "Désignation du point focal",
    ]
    assert set(edition.target_communes.all()) == set(communes)
    referential.refresh_from_db()
    assert referential.is_locked


@pytest.mark.parametrize(
    ("override", "field"),
    [
        ({"label_threshold": 120}, "label_threshold"),
        ({"weight_ownership": 0}, "weight_ownership"),
        ({"weight_questionnaire": -5}, "weight_questionnaire"),
        ({"conditions_fr": "Seulement une"}, "conditions_fr"),
    ],
)
def test_bad_settings_are_refused_with_the_field_named(client, override, field):
    client.force_login(coordination_member())
    data = form_data(default_referential(), [CommuneFactory()], **override)
    response = client.post(reverse("dossiers:edition_create"), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Edition.objects.count() == 0


def test_dates_out_of_order_are_refused_and_nothing_is_written(client):
    client.force_login(coordination_member())
    data = form_data(
        default_referential(),
        [CommuneFactory()],
        training_start="2027-12-01",
        training_end="2027-11-01",
    )
    response = client.post(reverse("dossiers:edition_create"), data)
    errors = response.context["form"].non_field_errors()
    assert len(errors) >= 2  # ends before it starts, and starts after the next phase
    assert Edition.objects.count() == EditionPhase.objects.count() == 0


def test_the_service_refuses_a_calendar_out_of_order():
    phases = [
        PhaseDates(Phase.CALL_FOR_CANDIDACIES, TODAY, TODAY + timedelta(days=10)),
        PhaseDates(Phase.CANDIDACY, TODAY - timedelta(days=5), TODAY),
    ]
    with pytest.raises(ValidationError):
        save_edition(
            edition=Edition(name={"ar": "x"}, referential=default_referential()),
            phases=phases,
            conditions=[],
            target_communes=[],
        )
    assert Edition.objects.count() == 0


def test_opening_the_call_notifies_the_target_communes_focal_points_once(
    django_capture_on_commit_callbacks,
):
    target, elsewhere = CommuneFactory(), CommuneFactory()
    edition = EditionFactory(call_opened_at=None)
    edition.target_communes.set([target])
    focal = user_with_role(Role.FOCAL_POINT, commune=target)
    user_with_role(Role.FOCAL_POINT, commune=elsewhere)
    with django_capture_on_commit_callbacks(execute=True):
        assert open_call_for_candidacies(edition=edition, by=coordination_member()) == 1
    [email] = mail.outbox
    assert email.to == [focal.email]
    assert "الترشيح" in email.subject and "candidatures" in email.subject
    with pytest.raises(ValidationError):
        open_call_for_candidacies(edition=edition, by=coordination_member())


def test_edition_pages_are_hidden_from_communes(client):
    edition = EditionFactory()
    commune_user = user_with_role(Role.PRESIDENT, commune=CommuneFactory())
    client.force_login(commune_user)
    for name in ("dossiers:edition_detail", "dossiers:edition_edit"):
        assert client.get(reverse(name, args=[edition.pk])).status_code == 404
    assert client.get(reverse("dossiers:edition_list")).status_code == 404


def test_the_calendar_is_public_and_highlights_the_current_phase(client):
    edition = EditionFactory()
    save_edition(
        edition=edition,
        phases=demo_calendar(date.today()),
        conditions=[],
        target_communes=[],
    )
    response = client.get(reverse("dossiers:edition_calendar", args=[edition.pk]))
    html = response.content.decode()
    assert "<svg" in html and 'role="img"' in html
    current = [p.phase for p, status in response.context["phases"] if status == "current"]
    assert current == [Phase.SELF_ASSESSMENT]
    assert 'class="is-current-row"' in html
