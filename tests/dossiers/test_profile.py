from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from citizenlabel.dossiers.models import (
    BudgetYear,
    InstitutionalProfile,
    ParticipatoryBody,
    StaffCount,
)
from citizenlabel.dossiers.services.profile import (
    StaleProfile,
    budget_years,
    profile_version,
    save_institutional_profile,
)
from citizenlabel.dossiers.services.selfassessment import closed_message
from tests.factories import (
    close_by_deadline,
    close_by_submission,
    commune_people,
    complete_profile,
    coordination_member,
    dossier_in_self_assessment,
    president_of_another_commune,
    team_member,
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


# --- the service ---------------------------------------------------------------------


def test_it_saves_the_profile_and_its_four_tables(dossier, focal_point):
    profile = save_institutional_profile(**profile_rows(dossier), by=focal_point)
    assert profile.dossier == dossier
    assert sorted(profile.staff.values_list("category", flat=True)) == sorted(CATEGORIES)
    assert sorted(profile.budget_years.values_list("year", flat=True)) == budget_years()
    assert profile.services.count() == len(SERVICES)
    assert list(profile.participatory_bodies.values_list("name", flat=True)) == ["مجلس الشباب"]


def test_the_budget_years_are_the_three_before_the_current_one():
    year = timezone.localdate().year
    assert budget_years() == [year - 3, year - 2, year - 1]


def test_saving_again_replaces_the_tables_and_keeps_one_profile(dossier, focal_point):
    save_institutional_profile(**profile_rows(dossier), by=focal_point)
    again = profile_rows(dossier, population=13000)
    again["bodies"] = []
    save_institutional_profile(**again, by=focal_point)
    profile = InstitutionalProfile.objects.get(dossier=dossier)
    assert (profile.population, StaffCount.objects.filter(profile=profile).count()) == (13000, 4)
    assert ParticipatoryBody.objects.filter(profile=profile).count() == 0


def test_the_president_saves_the_profile_too(dossier):
    president = commune_people(dossier)[1]
    save_institutional_profile(**profile_rows(dossier), by=president)
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
    user, before = who(dossier), profile_snapshot(dossier)
    with pytest.raises(PermissionDenied) as refused:
        save_institutional_profile(**profile_rows(dossier, population=1), by=user)
    assert str(refused.value) == closed_message()
    assert profile_snapshot(dossier) == before


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
    "a year too old": (_years(lambda ys: [ys[0] - 1, *ys[:2]]), [budget_message()]),
    "two years only": (_years(lambda ys: ys[1:]), [budget_message()]),
    "a year twice": (_years(lambda ys: [ys[0], ys[0], ys[2]]), [budget_message()]),
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
    args = profile_rows(dossier, population=12000, council_seats=25)
    change(args)
    before = profile_snapshot(dossier)
    with pytest.raises(ValidationError) as refused:
        save_institutional_profile(**args, by=focal_point)
    assert refused.value.messages == expected
    assert profile_snapshot(dossier) == before


def test_a_profile_of_another_dossier_is_refused(dossier, focal_point):
    foreign = complete_profile(dossier_in_self_assessment())
    with pytest.raises(PermissionDenied):
        save_institutional_profile(**{**profile_rows(dossier), "profile": foreign}, by=focal_point)
    assert InstitutionalProfile.objects.get(pk=foreign.pk).dossier_id != dossier.pk


def test_a_save_over_someone_elses_is_refused(dossier, focal_point):
    saved = complete_profile(dossier)
    seen = profile_version(saved)
    save_institutional_profile(
        **profile_rows(dossier, population=15000), by=focal_point, seen_version=seen
    )
    before = profile_snapshot(dossier)
    with pytest.raises(StaleProfile):
        save_institutional_profile(
            **profile_rows(dossier, population=9), by=focal_point, seen_version=seen
        )
    assert profile_snapshot(dossier) == before


def test_a_new_profile_over_one_created_meanwhile_is_refused(dossier, focal_point):
    args = profile_rows(dossier)
    complete_profile(dossier)
    with pytest.raises(StaleProfile):
        save_institutional_profile(**args, by=focal_point, seen_version="")
