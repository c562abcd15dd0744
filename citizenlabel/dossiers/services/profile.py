"""The commune's institutional profile (الصورة الذاتية المؤسساتية): saved whole or not at all.

The checks are pure functions shared with the forms: the form shows their messages next to
the fields, and the service runs them again, so a forged request cannot store what the form
refuses."""

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import rules as dossier_rules
from ..models import (
    BudgetYear,
    Dossier,
    InstitutionalProfile,
    ParticipatoryBody,
    ServiceDelivery,
    StaffCount,
)
from .selfassessment import closed_message

BUDGET_AMOUNTS = (
    "operating_revenue",
    "operating_expenditure",
    "investment_revenue",
    "investment_expenditure",
)
# Parts of the council, which cannot be more than its seats.
COUNCIL_PARTS = {
    "council_women": gettext_lazy(
        "Women in the council (%(value)s) cannot be more than the council seats (%(seats)s)."
    ),
    "council_opposition": gettext_lazy(
        "Opposition members (%(value)s) cannot be more than the council seats (%(seats)s)."
    ),
    "council_under_35": gettext_lazy(
        "Members under 35 (%(value)s) cannot be more than the council seats (%(seats)s)."
    ),
}


class StaleProfile(Exception):
    """Someone saved the profile after the form was loaded; nothing was written."""

    def __init__(self, current: InstitutionalProfile | None):
        self.current = current
        super().__init__("the institutional profile changed since the form was loaded")


def budget_years() -> list[int]:
    """The three years the profile reports: the three before the current one, oldest first."""
    year = timezone.localdate().year
    return [year - 3, year - 2, year - 1]


def profile_version(profile: InstitutionalProfile | None) -> str:
    """What the form remembers of the profile it showed ("" when there was none yet)."""
    return profile.updated_at.isoformat() if profile and profile.pk else ""


def _number(value: Any) -> int | Decimal | None:
    """The value if it is a number already (a malformed one is reported by full_clean)."""
    is_number = isinstance(value, int | Decimal) and not isinstance(value, bool)
    return value if is_number else None


def _label(model: type[models.Model], name: str) -> str:
    return str(capfirst(model._meta.get_field(name).verbose_name))


def profile_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """{field name: message} of the figures that contradict each other."""
    problems = {}
    seats = _number(values.get("council_seats"))
    for name, message in COUNCIL_PARTS.items():
        value = _number(values.get(name))
        if seats is not None and value is not None and value > seats:
            problems[name] = message % {"value": value, "seats": seats}
    census_year, this_year = _number(values.get("census_year")), timezone.localdate().year
    if census_year is not None and census_year > this_year:
        problems["census_year"] = _("The census year cannot be after this year (%(year)s).") % {
            "year": this_year
        }
    population = _number(values.get("population"))
    women = _number(values.get("population_women"))
    if population is not None and women is not None and women > population:
        problems["population_women"] = _(
            "Women (%(value)s) cannot be more than the population (%(population)s)."
        ) % {"value": women, "population": population}
    return problems


def _one_row_each(values: list[str], choices: type[models.TextChoices], table: str) -> list[str]:
    """Each choice exactly once: no unknown, repeated or missing row."""
    counts, labels = Counter(values), dict(choices.choices)
    problems = []
    for value, count in counts.items():
        if value not in labels:
            message = _("%(table)s: “%(row)s” is not a row of this table.")
            problems.append(message % {"table": table, "row": value})
        elif count > 1:
            message = _("%(table)s: “%(row)s” is given more than once.")
            problems.append(message % {"table": table, "row": labels[value]})
    for value, label in labels.items():
        if value not in counts:
            message = _("%(table)s: the row “%(row)s” is missing.")
            problems.append(message % {"table": table, "row": label})
    return problems


def staff_problems(categories: list[str]) -> list[str]:
    return _one_row_each(categories, StaffCount.Category, _("Staff"))


def service_problems(services: list[str]) -> list[str]:
    return _one_row_each(services, ServiceDelivery.Service, _("Public services"))


def budget_problems(rows: Iterable[Mapping[str, Any]]) -> list[str]:
    """Exactly the last three years, once each; no negative amount."""
    rows = list(rows)
    expected = budget_years()
    problems = []
    if Counter(row.get("year") for row in rows) != Counter(expected):
        message = _("Budget: give the years %(years)s, each once.")
        problems.append(message % {"years": ", ".join(str(year) for year in expected)})
    for row in rows:
        for name in BUDGET_AMOUNTS:
            amount = _number(row.get(name))
            if amount is not None and amount < 0:
                message = _("Budget %(year)s, %(field)s: the amount cannot be negative.")
                field = _label(BudgetYear, name)
                problems.append(message % {"year": row.get("year"), "field": field})
    return problems


def body_problems(values: Mapping[str, Any]) -> dict[str, str]:
    year, this_year = _number(values.get("created_year")), timezone.localdate().year
    if year is not None and year > this_year:
        message = _("The year created cannot be after this year (%(year)s).")
        return {"created_year": message % {"year": this_year}}
    return {}


def _clean_errors(row: models.Model, place: str, exclude: tuple[str, ...] = ()) -> list[str]:
    """full_clean's messages, each preceded by the place and the field it is about."""
    try:
        row.full_clean(exclude=list(exclude))
    except ValidationError as error:
        problems = []
        for name, messages in error.message_dict.items():
            field = "" if name == NON_FIELD_ERRORS else _label(type(row), name)
            where = ", ".join(part for part in (place, field) if part)
            problems += [
                _("%(place)s: %(message)s") % {"place": where, "message": m} for m in messages
            ]
        return problems
    return []


def _staff_errors(staff: list[StaffCount]) -> list[str]:
    problems = staff_problems([row.category for row in staff])
    for row in staff:
        place = _("Staff, %(category)s") % {"category": row.get_category_display()}
        problems += _clean_errors(row, place, TABLE_LINK)
    return problems


def _budget_errors(budgets: list[BudgetYear]) -> list[str]:
    problems = []
    for row in budgets:
        problems += _clean_errors(row, _("Budget %(year)s") % {"year": row.year}, TABLE_LINK)
    return problems + budget_problems(vars(row) for row in budgets)


def _service_errors(services: list[ServiceDelivery]) -> list[str]:
    problems = service_problems([row.service for row in services])
    for row in services:
        place = _("Service “%(service)s”") % {"service": row.get_service_display()}
        problems += _clean_errors(row, place, TABLE_LINK)
    return problems


def _body_errors(bodies: list[ParticipatoryBody]) -> list[str]:
    problems = []
    for number, row in enumerate(bodies, start=1):
        place = _("Participatory body %(number)s") % {"number": number}
        problems += _clean_errors(row, place, TABLE_LINK)
        problems += [
            _("%(place)s: %(message)s") % {"place": place, "message": message}
            for message in body_problems(vars(row)).values()
        ]
    return problems


TABLE_LINK = ("profile",)  # set once the profile is saved
# The profile's tables: the service's argument name, the model, and its checks.
TABLES = {
    "staff": (StaffCount, _staff_errors),
    "budgets": (BudgetYear, _budget_errors),
    "services": (ServiceDelivery, _service_errors),
    "bodies": (ParticipatoryBody, _body_errors),
}


def _profile_errors(profile: InstitutionalProfile) -> list[str]:
    problems = _clean_errors(profile, place="")
    return problems + list(profile_problems(vars(profile)).values())


def _current_profile(
    dossier: Dossier, profile: InstitutionalProfile | None, seen_version: str | None
) -> InstitutionalProfile | None:
    """The stored profile, locked; refuses a profile of another dossier and a save over
    someone else's."""
    current = InstitutionalProfile.objects.select_for_update().filter(dossier=dossier).first()
    given = profile.pk if profile is not None else None
    if given is not None and getattr(current, "pk", None) != given:
        raise PermissionDenied
    if profile is not None and given is None and current is not None:
        raise StaleProfile(current)
    if seen_version is not None and seen_version != profile_version(current):
        raise StaleProfile(current)
    return current


@transaction.atomic
def save_institutional_profile(
    *,
    dossier: Dossier,
    profile: InstitutionalProfile,
    staff: list[StaffCount],
    budgets: list[BudgetYear],
    services: list[ServiceDelivery],
    bodies: list[ParticipatoryBody],
    by,
    seen_version: str | None = None,
) -> InstitutionalProfile:
    """Save the profile and replace its four tables, all at once or not at all.

    `seen_version` is `profile_version()` of the profile the form showed; None skips the check.
    """
    tables = {"staff": staff, "budgets": budgets, "services": services, "bodies": bodies}
    return save_profile_sections(
        dossier=dossier, profile=profile, tables=tables, by=by, seen_version=seen_version
    )


@transaction.atomic
def save_profile_sections(
    *,
    dossier: Dossier,
    profile: InstitutionalProfile | None,
    tables: Mapping[str, list[models.Model]],
    by,
    seen_version: str | None = None,
) -> InstitutionalProfile | None:
    """Save the sections given (the figures, when `profile` is given, and the tables named in
    `tables`), leaving the others as stored, so that a mistake in one section never throws
    away what was typed right in another. Each section given is checked whole; tables need a
    profile, so without figures and without a stored profile nothing is saved (None)."""
    if not dossier_rules.can_edit_self_assessment(by, dossier):
        raise PermissionDenied(closed_message())
    current = _current_profile(dossier, profile, seen_version)
    problems = []
    if profile is not None:
        profile.dossier = dossier
        problems += _profile_errors(profile)
    for name, rows in tables.items():
        problems += TABLES[name][1](rows)
    if problems:
        raise ValidationError(problems)
    if profile is not None:
        profile.save()
    elif current is None:
        return None
    elif tables:
        current.save(update_fields=["updated_at"])  # the version moves with any section
    target = profile or current
    for name, rows in tables.items():
        model = TABLES[name][0]
        model.objects.filter(profile=target).delete()
        for row in rows:
            row.pk, row.profile = None, target
        model.objects.bulk_create(rows)
    return target
