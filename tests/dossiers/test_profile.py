from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from citizenlabel.dossiers.models import (
    BudgetYear,
    InstitutionalProfile,
    ParticipatoryBody,
    ServiceDelivery,
    StaffCount,
)
from citizenlabel.dossiers.services.profile import (
    StaleProfile,
    budget_years,
    profile_version,
    save_institutional_profile,
)
from citizenlabel.dossiers.services.selfassessment import closed_message
from citizenlabel.people.enums import Role
from tests.factories import (
    close_by_deadline,
    close_by_submission,
    commune_people,
    complete_profile,
    coordination_member,
    dossier_in_self_assessment,
    president_of_another_commune,
    team_member,
    user_with_role,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]

CATEGORIES = StaffCount.Category.values
SERVICES = ServiceDelivery.Service.values
AMOUNTS = [
    "operating_revenue",
    "operating_expenditure",
    "investment_revenue",
    "investment_expenditure",
]


def snapshot(dossier) -> tuple:
    """Everything the profile of a dossier holds, to show that a refusal wrote nothing."""
    profiles = InstitutionalProfile.objects.filter(dossier=dossier)
    rows = {"profile": list(profiles.values())}
    for model in (StaffCount, BudgetYear, ServiceDelivery, ParticipatoryBody):
        rows[model.__name__] = list(
            model.objects.filter(profile__dossier=dossier).values().order_by("pk")
        )
    return rows


# --- the service ---------------------------------------------------------------------


def rows(dossier, **figures) -> dict:
    """Valid arguments of the service: a new profile, or the saved one, changed by `figures`."""
    profile = InstitutionalProfile.objects.filter(dossier=dossier).first() or InstitutionalProfile(
        population=12000,
        area_km2=Decimal("120.5"),
        council_seats=25,
        council_women=7,
        council_opposition=8,
        council_under_35=3,
        population_women=6100,
    )
    for name, value in figures.items():
        setattr(profile, name, value)
    return {
        "dossier": dossier,
        "profile": profile,
        "staff": [StaffCount(category=c, women=3, men=5) for c in CATEGORIES],
        "budgets": [
            BudgetYear(year=y, **dict.fromkeys(AMOUNTS, Decimal(1000))) for y in budget_years()
        ],
        "services": [ServiceDelivery(service=s, mode="direct") for s in SERVICES],
        "bodies": [ParticipatoryBody(kind="youth", name="مجلس الشباب", members_women=4)],
    }


def test_it_saves_the_profile_and_its_four_tables(dossier, focal_point):
    profile = save_institutional_profile(**rows(dossier), by=focal_point)
    assert profile.dossier == dossier
    assert sorted(profile.staff.values_list("category", flat=True)) == sorted(CATEGORIES)
    assert sorted(profile.budget_years.values_list("year", flat=True)) == budget_years()
    assert profile.services.count() == len(SERVICES)
    assert list(profile.participatory_bodies.values_list("name", flat=True)) == ["مجلس الشباب"]


def test_the_budget_years_are_the_three_before_the_current_one():
    year = timezone.localdate().year
    assert budget_years() == [year - 3, year - 2, year - 1]


def test_saving_again_replaces_the_tables_and_keeps_one_profile(dossier, focal_point):
    save_institutional_profile(**rows(dossier), by=focal_point)
    again = rows(dossier, population=13000)
    again["bodies"] = []
    save_institutional_profile(**again, by=focal_point)
    profile = InstitutionalProfile.objects.get(dossier=dossier)
    assert (profile.population, StaffCount.objects.filter(profile=profile).count()) == (13000, 4)
    assert ParticipatoryBody.objects.filter(profile=profile).count() == 0


def test_the_president_saves_the_profile_too(dossier):
    president = commune_people(dossier)[1]
    save_institutional_profile(**rows(dossier), by=president)
    assert InstitutionalProfile.objects.filter(dossier=dossier).count() == 1


@pytest.mark.parametrize(
    "who",
    [
        team_member,
        president_of_another_commune,
        close_by_deadline,
        close_by_submission,
        lambda d: coordination_member(),
    ],
    ids=[
        "team member",
        "another commune's president",
        "after the deadline",
        "after submission",
        "coordination",
    ],
)
def test_only_the_commune_edits_while_the_self_assessment_is_open(dossier, who):
    complete_profile(dossier)
    user, before = who(dossier), snapshot(dossier)
    with pytest.raises(PermissionDenied) as refused:
        save_institutional_profile(**rows(dossier, population=1), by=user)
    assert str(refused.value) == closed_message()
    assert snapshot(dossier) == before


def _years(years):
    def change(args):
        args["budgets"] = [
            BudgetYear(year=y, **dict.fromkeys(AMOUNTS, 1)) for y in years(budget_years())
        ]

    return change


def _row(table: str, index: int, **values):
    def change(args):
        for name, value in values.items():
            setattr(args[table][index], name, value)

    return change


def _figures(**values):
    def change(args):
        for name, value in values.items():
            setattr(args["profile"], name, value)

    return change


def _budget_message() -> str:
    return "Budget: give the years {}, each once.".format(", ".join(map(str, budget_years())))


INVALID = {
    "women over seats": (
        _figures(council_women=30),
        ["Women in the council (30) cannot be more than the council seats (25)."],
    ),
    "opposition over seats": (
        _figures(council_opposition=26),
        ["Opposition members (26) cannot be more than the council seats (25)."],
    ),
    "under 35 over seats": (
        _figures(council_under_35=40),
        ["Members under 35 (40) cannot be more than the council seats (25)."],
    ),
    "women over population": (
        _figures(population_women=12001),
        ["Women (12001) cannot be more than the population (12000)."],
    ),
    "census in the future": (
        _figures(census_year=timezone.localdate().year + 1),
        [f"The census year cannot be after this year ({timezone.localdate().year})."],
    ),
    "a year too old": (_years(lambda ys: [ys[0] - 1, *ys[:2]]), [_budget_message()]),
    "two years only": (_years(lambda ys: ys[1:]), [_budget_message()]),
    "a year twice": (_years(lambda ys: [ys[0], ys[0], ys[2]]), [_budget_message()]),
    "a negative amount": (
        _row("budgets", 0, investment_revenue=Decimal(-1)),
        [f"Budget {budget_years()[0]}, Investment revenue: the amount cannot be negative."],
    ),
    "a negative staff count": (
        _row("staff", 0, women=-2),
        ["Staff, Senior managers, Women: Ensure this value is greater than or equal to 0."],
    ),
    "a staff category twice": (
        _row("staff", 3, category="managers"),
        [
            "Staff: “Senior managers” is given more than once.",
            "Staff: the row “Agents” is missing.",
        ],
    ),
    "a service twice": (
        _row("services", 1, service="waste"),
        [
            "Public services: “Household waste collection” is given more than once.",
            "Public services: the row “Street cleaning” is missing.",
        ],
    ),
    "an unknown mode": (
        _row("services", 0, mode="privatised"),
        [
            "Service “Household waste collection”, How it is run: "
            "Value 'privatised' is not a valid choice."
        ],
    ),
    "a body without a name": (
        _row("bodies", 0, name=""),
        ["Participatory body 1, Name: This field cannot be blank."],
    ),
}


@pytest.mark.parametrize("saved", [False, True], ids=["new profile", "saved profile"])
@pytest.mark.parametrize("case", INVALID, ids=list(INVALID))
def test_an_invalid_profile_is_refused_with_a_message_and_nothing_is_written(
    dossier, focal_point, case, saved
):
    if saved:
        complete_profile(dossier)
    change, expected = INVALID[case]
    args = rows(dossier, population=12000, council_seats=25)
    change(args)
    before = snapshot(dossier)
    with pytest.raises(ValidationError) as refused:
        save_institutional_profile(**args, by=focal_point)
    assert refused.value.messages == expected
    assert snapshot(dossier) == before


def test_a_profile_of_another_dossier_is_refused(dossier, focal_point):
    foreign = complete_profile(dossier_in_self_assessment())
    with pytest.raises(PermissionDenied):
        save_institutional_profile(**{**rows(dossier), "profile": foreign}, by=focal_point)
    assert InstitutionalProfile.objects.get(pk=foreign.pk).dossier_id != dossier.pk


def test_a_save_over_someone_elses_is_refused(dossier, focal_point):
    saved = complete_profile(dossier)
    seen = profile_version(saved)
    save_institutional_profile(**rows(dossier, population=15000), by=focal_point, seen_version=seen)
    before = snapshot(dossier)
    with pytest.raises(StaleProfile):
        save_institutional_profile(**rows(dossier, population=9), by=focal_point, seen_version=seen)
    assert snapshot(dossier) == before


def test_a_new_profile_over_one_created_meanwhile_is_refused(dossier, focal_point):
    args = rows(dossier)
    complete_profile(dossier)
    with pytest.raises(StaleProfile):
        save_institutional_profile(**args, by=focal_point, seen_version="")


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
    before = snapshot(dossier)
    client.force_login(president_of_another_commune(dossier))
    assert client.get(url(dossier)).status_code == 404
    assert client.post(url(dossier), profile_post()).status_code == 404
    assert snapshot(dossier) == before


@pytest.mark.parametrize(
    "who",
    [team_member, lambda d: coordination_member(), close_by_deadline, close_by_submission],
    ids=["team member", "coordination", "commune after the deadline", "commune after submission"],
)
def test_those_who_may_not_edit_read_the_profile_and_a_post_changes_nothing(client, dossier, who):
    complete_profile(dossier)
    before = snapshot(dossier)
    client.force_login(who(dossier))
    response = client.get(url(dossier))
    html = response.content.decode()
    assert response.templates[0].name == "dossiers/profile/profile_detail.html"
    assert ('<form method="post" class="form profile-form"' in html, "مجلس الشباب 0" in html) == (
        False,
        True,
    )
    assert client.post(url(dossier), profile_post()).status_code == 403
    assert snapshot(dossier) == before


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
    "a forged year": ({"budget-0-year": "1999"}, [("", _budget_message())]),
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
    wrong, stored = next(iter(changes)).split("-")[0], snapshot(dossier)
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
    save_institutional_profile(**rows(dossier, population=15000), by=focal_point)
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
