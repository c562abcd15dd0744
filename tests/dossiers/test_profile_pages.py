"""The institutional profile's page: the form, its tables, for every role."""

from decimal import Decimal

import pytest
from django.urls import reverse

from citizenlabel.dossiers.models import (
    BudgetYear,
    InstitutionalProfile,
    ParticipatoryBody,
    ServiceDelivery,
    StaffCount,
)
from citizenlabel.dossiers.services.profile import (
    budget_years,
    profile_version,
    save_institutional_profile,
)
from citizenlabel.people.enums import Role
from tests.factories import (
    close_by_deadline,
    close_by_submission,
    commune_people,
    complete_profile,
    coordination_member,
    president_of_another_commune,
    team_member,
    user_with_role,
)
from tests.factories.dossiers import (
    AMOUNTS,
    CATEGORIES,
    SERVICES,
    budget_message,
    profile_rows,
    profile_snapshot,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


# --- the page ------------------------------------------------------------------------


def management(prefix: str, total: int, initial: int | None = None) -> dict:
    return {
        f"{prefix}-TOTAL_FORMS": str(total),
        f"{prefix}-INITIAL_FORMS": str(total if initial is None else initial),
    }


def profile_post(**changes) -> dict:
    """A complete, valid submission of the page, changed by `changes` (field name: value)."""
    data = {
        "profile-census_year": "2024",
        "profile-population": "12000",
        "profile-population_women": "6100",
        "profile-area_km2": "120.5",
        "profile-council_seats": "25",
        "profile-council_women": "7",
        "profile-council_opposition": "8",
        "profile-council_under_35": "3",
        "profile-standing_committees": "4",
        **management("staff", 4),
        **management("budget", 3),
        **management("services", len(SERVICES)),
        **management("bodies", 2, initial=0),
        "bodies-0-kind": "equality",
        "bodies-0-name": "هيئة المساواة",
        "bodies-0-members_women": "6",
        "bodies-0-members_men": "3",
        # The empty row the page adds, as a browser sends it back.
        "bodies-1-members_women": "0",
        "bodies-1-members_men": "0",
    }
    for i, category in enumerate(CATEGORIES):
        data |= {f"staff-{i}-category": category, f"staff-{i}-women": "2", f"staff-{i}-men": "4"}
    for i, year in enumerate(budget_years()):
        data |= {f"budget-{i}-year": str(year)} | {f"budget-{i}-{a}": "2500000.50" for a in AMOUNTS}
    for i, service in enumerate(SERVICES):
        data |= {f"services-{i}-service": service, f"services-{i}-mode": "delegated"}
    return data | changes


def url(dossier) -> str:
    return reverse("dossiers:profile", args=[dossier.pk])


def test_the_focal_point_sees_the_form_with_the_commune_read_only(client, dossier, focal_point):
    client.force_login(focal_point)
    response = client.get(url(dossier))
    html = response.content.decode()
    assert response.templates[0].name == "dossiers/profile/profile_form.html"
    assert [form["year"].value() for form in response.context["forms"].budget] == budget_years()
    assert 'name="profile-population"' in html
    assert dossier.commune.get_kind_display() in html
    assert 'name="profile-kind"' not in html


@pytest.mark.parametrize("role", [0, 1], ids=["focal point", "president"])
def test_the_commune_saves_the_whole_profile(client, dossier, role):
    client.force_login(commune_people(dossier)[role])
    response = client.post(
        url(dossier), profile_post(**{"profile-council_women": "9"}), follow=True
    )
    assert response.redirect_chain == [(url(dossier), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The institutional profile was saved."
    ]
    profile = InstitutionalProfile.objects.get(dossier=dossier)
    assert (profile.council_women, profile.staff.count(), profile.services.count()) == (9, 4, 8)
    assert (
        list(profile.budget_years.values_list("operating_revenue", flat=True))
        == [Decimal("2500000.50")] * 3
    )
    assert list(profile.participatory_bodies.values_list("kind", "name")) == [
        ("equality", "هيئة المساواة")
    ]


def test_the_saved_profile_comes_back_in_the_form(client, dossier, focal_point):
    complete_profile(dossier, bodies=2)
    client.force_login(focal_point)
    forms = client.get(url(dossier)).context["forms"]
    assert forms.profile["council_seats"].value() == 25
    assert [form["men"].value() for form in forms.staff] == [5, 5, 5, 5]
    assert len(forms.bodies.forms) == 2 + 2  # the saved bodies and two empty rows


def test_a_president_of_another_commune_gets_404_and_changes_nothing(client, dossier):
    complete_profile(dossier)
    before = profile_snapshot(dossier)
    client.force_login(president_of_another_commune(dossier))
    assert client.get(url(dossier)).status_code == 404
    assert client.post(url(dossier), profile_post()).status_code == 404
    assert profile_snapshot(dossier) == before


@pytest.mark.parametrize(
    "who",
    [team_member, lambda d: coordination_member(), close_by_deadline, close_by_submission],
    ids=["team member", "coordination", "commune after the deadline", "commune after submission"],
)
def test_those_who_may_not_edit_read_the_profile_and_a_post_changes_nothing(client, dossier, who):
    complete_profile(dossier)
    before = profile_snapshot(dossier)
    client.force_login(who(dossier))
    response = client.get(url(dossier))
    html = response.content.decode()
    assert response.templates[0].name == "dossiers/profile/profile_detail.html"
    assert ('<form method="post" class="form profile-form"' in html, "مجلس الشباب 0" in html) == (
        False,
        True,
    )
    assert client.post(url(dossier), profile_post()).status_code == 403
    assert profile_snapshot(dossier) == before


def test_the_reading_says_when_nothing_was_filled_in(client, dossier):
    client.force_login(team_member(dossier))
    response = client.get(url(dossier))
    assert response.context["profile"] is None
    assert (
        "The commune has not filled in its institutional profile yet." in response.content.decode()
    )


FORM_ERRORS = {
    "women over seats": (
        {"profile-council_women": "30"},
        [
            (
                "Women in the council",
                "Women in the council (30) cannot be more than the council seats (25).",
            )
        ],
    ),
    "opposition over seats": (
        {"profile-council_opposition": "26"},
        [
            (
                "Opposition members",
                "Opposition members (26) cannot be more than the council seats (25).",
            )
        ],
    ),
    "under 35 over seats": (
        {"profile-council_under_35": "26"},
        [("Members under 35", "Members under 35 (26) cannot be more than the council seats (25).")],
    ),
    "women over population": (
        {"profile-population_women": "12001"},
        [("Of whom women", "Women (12001) cannot be more than the population (12000).")],
    ),
    "a forged year": ({"budget-0-year": "1999"}, [("", budget_message())]),
    "a negative amount": (
        {"budget-1-operating_expenditure": "-5"},
        [
            (
                f"{budget_years()[1]}, Operating expenditure",
                "Ensure this value is greater than or equal to 0.",
            )
        ],
    ),
    "a negative staff count": (
        {"staff-2-men": "-1"},
        [("Technicians and supervisors, Men", "Ensure this value is greater than or equal to 0.")],
    ),
    "a staff row forged twice": (
        {"staff-1-category": "managers"},
        [
            ("", "Staff: “Senior managers” is given more than once."),
            ("", "Staff: the row “Executives” is missing."),
        ],
    ),
    "a service without its mode": (
        {"services-2-mode": ""},
        [("Public lighting, How it is run", "Choose how this service is run.")],
    ),
    "a body without a name": (
        {"bodies-0-name": ""},
        [("Participatory body 1, Name", "This field is required.")],
    ),
}


SECTIONS = {
    "staff": StaffCount,
    "budget": BudgetYear,
    "services": ServiceDelivery,
    "bodies": ParticipatoryBody,
}


@pytest.mark.parametrize("case", FORM_ERRORS, ids=list(FORM_ERRORS))
def test_each_mistake_is_shown_at_the_top_and_by_its_field_and_only_valid_sections_are_saved(
    client, dossier, focal_point, case
):
    changes, expected = FORM_ERRORS[case]
    client.force_login(focal_point)
    response = client.post(url(dossier), profile_post(**changes))
    assert response.status_code == 200
    assert [(item.label, item.message) for item in response.context["summary"]] == expected
    html = response.content.decode()
    assert 'role="alert"' in html
    assert 'data-unsaved="true"' in html  # leaving the page warns: the wrong section is not saved
    wrong, stored = next(iter(changes)).split("-")[0], profile_snapshot(dossier)
    if wrong == "profile":  # no figures, no profile yet: its tables wait on the page
        assert stored == {"profile": [], **{m.__name__: [] for m in SECTIONS.values()}}
        assert response.context["saved_sections"] == []
    else:
        assert len(stored["profile"]) == 1
        assert {name: bool(stored[m.__name__]) for name, m in SECTIONS.items()} == {
            name: name != wrong for name in SECTIONS
        }


def test_wrong_figures_keep_the_stored_ones_and_the_valid_tables_are_saved(
    client, dossier, focal_point
):
    saved = complete_profile(dossier)
    client.force_login(focal_point)
    changes = {"profile-council_women": "30", "staff-0-women": "11"}
    response = client.post(url(dossier), profile_post(version=profile_version(saved), **changes))
    assert response.context["saved_sections"] == [
        "Staff",
        "Budget",
        "Public services",
        "Participatory bodies",
    ]
    assert "Saved: Staff, Budget, Public services, Participatory bodies." in (
        response.content.decode()
    )
    profile = InstitutionalProfile.objects.get(dossier=dossier)
    assert profile.council_women == saved.council_women
    assert profile.staff.get(category=CATEGORIES[0]).women == 11
    # The page now knows the version it saved: correcting the figures saves without a conflict.
    assert response.context["version"] == profile_version(profile)
    fixed = profile_post(version=response.context["version"], **{"staff-0-women": "11"})
    assert client.post(url(dossier), fixed).status_code == 302


def test_required_fields_are_marked_and_the_page_warns_before_leaving(client, dossier, focal_point):
    client.force_login(focal_point)
    html = client.get(url(dossier)).content.decode()
    assert "Fields marked with * are required." in html
    assert '<span class="required" aria-hidden="true">*</span>' in html
    assert "(required)</label>" in html  # the table cells, for screen readers
    assert "data-warn-unsaved" in html
    assert 'data-unsaved="true"' not in html
    assert "js/unsaved" in html


def test_an_error_is_tied_to_its_field_for_screen_readers(client, dossier, focal_point):
    client.force_login(focal_point)
    html = client.post(
        url(dossier), profile_post(**{"profile-council_women": "30"})
    ).content.decode()
    assert 'aria-describedby="id_profile-council_women_error"' in html
    assert 'id="id_profile-council_women_error"' in html
    assert 'href="#id_profile-council_women"' in html


def test_a_save_over_someone_elses_keeps_the_input_and_says_so(client, dossier, focal_point):
    saved = complete_profile(dossier)
    seen = profile_version(saved)
    save_institutional_profile(**profile_rows(dossier, population=15000), by=focal_point)
    client.force_login(focal_point)
    response = client.post(
        url(dossier), profile_post(version=seen, **{"profile-population": "7000"})
    )
    assert [item.message for item in response.context["summary"]] == [
        "Someone else saved this profile after you opened it, so nothing was changed. "
        "Check your figures: saving again replaces theirs."
    ]
    assert response.context["forms"].profile["population"].value() == "7000"
    assert InstitutionalProfile.objects.get(dossier=dossier).population == 15000
    # Saving again, knowingly, replaces theirs.
    again = profile_post(version=response.context["version"], **{"profile-population": "7000"})
    assert client.post(url(dossier), again).status_code == 302
    assert InstitutionalProfile.objects.get(dossier=dossier).population == 7000


@pytest.mark.parametrize("bodies", [1, 10])
def test_the_form_costs_the_same_queries_whatever_the_rows(
    client, dossier, focal_point, bodies, django_assert_max_num_queries
):
    complete_profile(dossier, bodies=bodies)
    client.force_login(focal_point)
    with django_assert_max_num_queries(13):
        assert client.get(url(dossier)).status_code == 200


@pytest.mark.parametrize("bodies", [1, 10])
def test_the_reading_costs_the_same_queries_whatever_the_rows(
    client, dossier, bodies, django_assert_max_num_queries
):
    complete_profile(dossier, bodies=bodies)
    client.force_login(team_member(dossier))
    with django_assert_max_num_queries(13):
        assert client.get(url(dossier)).status_code == 200


def test_an_anonymous_visitor_is_sent_to_sign_in(client, dossier):
    response = client.get(url(dossier))
    assert (response.status_code, response.url.split("?")[0]) == (302, reverse("people:login"))


def test_a_user_without_a_role_gets_404(client, dossier):
    client.force_login(user_with_role(Role.ACCREDITATION))
    assert client.get(url(dossier)).status_code == 404
