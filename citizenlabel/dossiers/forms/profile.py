"""The institutional profile as one page: a form for the figures and four tables (staff,
budget, public services, participatory bodies) that are valid only together. The checks are
the service's own (`services.profile`), so the page and the service never disagree."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ..models import (
    BudgetYear,
    Dossier,
    InstitutionalProfile,
    ParticipatoryBody,
    ServiceDelivery,
    StaffCount,
)
from ..services.profile import (
    BUDGET_AMOUNTS,
    body_problems,
    budget_problems,
    budget_years,
    profile_problems,
    service_problems,
    staff_problems,
)
from .common import new_rows

# The profile's figures, in the order and groups of the page.
PROFILE_GROUPS = (
    (
        gettext_lazy("Population and territory"),
        ("census_year", "population", "population_women", "area_km2", "localities"),
    ),
    (
        gettext_lazy("Communal council"),
        (
            "council_seats",
            "council_women",
            "council_opposition",
            "council_under_35",
            "standing_committees",
        ),
    ),
    (
        gettext_lazy("Resources and communication"),
        ("own_revenue_share", "website", "social_accounts"),
    ),
)


@dataclass(frozen=True)
class SummaryItem:
    """One line of the error summary at the top of a page, linked to its field if it has one."""

    message: str
    label: str = ""
    href: str = ""


def summary_items(form: forms.BaseForm, row: str = "") -> list[SummaryItem]:
    items = [SummaryItem(str(message), row) for message in form.non_field_errors()]
    for field in form:
        label = _("%(row)s, %(field)s") % {"row": row, "field": field.label} if row else field.label
        href = "" if field.is_hidden else f"#{field.auto_id}"
        items += [SummaryItem(str(message), str(label), href) for message in field.errors]
    return items


class InstitutionalProfileForm(forms.ModelForm):
    class Meta:
        model = InstitutionalProfile
        fields = [name for _legend, names in PROFILE_GROUPS for name in names]
        widgets = {
            "website": forms.URLInput(attrs={"dir": "ltr"}),
            "social_accounts": forms.TextInput(attrs={"dir": "auto"}),
        }
        help_texts = {
            "population": gettext_lazy("As counted by the census of the year above."),
            "own_revenue_share": gettext_lazy("Own revenue as a share of all revenue, 0 to 100."),
            "social_accounts": gettext_lazy(
                "Addresses of the commune's pages, separated by commas."
            ),
        }

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in PROFILE_GROUPS]

    def clean(self):
        data = super().clean()
        for name, message in profile_problems(data).items():
            self.add_error(name, message)
        return data


class StaffCountForm(forms.ModelForm):
    class Meta:
        model = StaffCount
        fields = ["category", "women", "men"]
        widgets = {"category": forms.HiddenInput}

    @property
    def row_label(self) -> str:
        value = self["category"].value()
        return str(dict(StaffCount.Category.choices).get(value, value))


class BudgetYearForm(forms.ModelForm):
    class Meta:
        model = BudgetYear
        fields = ["year", *BUDGET_AMOUNTS]
        widgets = {"year": forms.HiddenInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in BUDGET_AMOUNTS:
            self.fields[name].validators.append(MinValueValidator(0))
            self.fields[name].widget.attrs["min"] = "0"

    @property
    def row_label(self) -> str:
        return str(self["year"].value())


class ServiceDeliveryForm(forms.ModelForm):
    class Meta:
        model = ServiceDelivery
        fields = ["service", "mode"]
        widgets = {"service": forms.HiddenInput}
        error_messages = {"mode": {"required": gettext_lazy("Choose how this service is run.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [("", _("Choose…")), *ServiceDelivery.Mode.choices]

    @property
    def row_label(self) -> str:
        value = self["service"].value()
        return str(dict(ServiceDelivery.Service.choices).get(value, value))


class ParticipatoryBodyForm(forms.ModelForm):
    class Meta:
        model = ParticipatoryBody
        fields = ["kind", "name", "created_year", "members_women", "members_men"]
        widgets = {"name": forms.TextInput(attrs={"dir": "auto"})}

    def __init__(self, *args, number: int = 0, **kwargs):
        super().__init__(*args, **kwargs)
        self.row_label = _("Participatory body %(number)s") % {"number": number}
        self.fields["kind"].choices = [("", _("Choose…")), *ParticipatoryBody.Kind.choices]

    def clean(self):
        data = super().clean()
        for name, message in body_problems(data).items():
            self.add_error(name, message)
        return data


class TableFormSet(forms.BaseFormSet):
    """A table of rows checked as a whole by one of the service's checks."""

    def table_problems(self, rows: list[dict]) -> list[str]:
        return []

    def clean(self):
        if any(self.errors):
            return  # the rows' own errors first
        if problems := self.table_problems([form.cleaned_data for form in self.forms]):
            raise ValidationError(problems)


class StaffTable(TableFormSet):
    def table_problems(self, rows):
        return staff_problems([row.get("category") for row in rows])


class BudgetTable(TableFormSet):
    def table_problems(self, rows):
        return budget_problems(rows)

    def grid(self) -> list[tuple[str, list[forms.BoundField]]]:
        """One row per amount and one column per year, as a budget document reads."""
        labels = {name: BudgetYear._meta.get_field(name).verbose_name for name in BUDGET_AMOUNTS}
        return [(labels[name], [form[name] for form in self.forms]) for name in BUDGET_AMOUNTS]


class ServiceTable(TableFormSet):
    def table_problems(self, rows):
        return service_problems([row.get("service") for row in rows])


class BodyTable(forms.BaseFormSet):
    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "number": (index or 0) + 1}


StaffFormSet = forms.formset_factory(StaffCountForm, formset=StaffTable, extra=0)
BudgetFormSet = forms.formset_factory(BudgetYearForm, formset=BudgetTable, extra=0)
ServiceFormSet = forms.formset_factory(ServiceDeliveryForm, formset=ServiceTable, extra=0)
BodyFormSet = forms.formset_factory(
    ParticipatoryBodyForm, formset=BodyTable, extra=2, can_delete=True, max_num=30
)


def _initial(rows, key: str, values: list, form: type[forms.ModelForm]) -> list[dict]:
    """One initial row per value: the saved one if any, else only its key."""
    saved, fields = {getattr(row, key): row for row in rows}, form._meta.fields
    return [model_to_dict(saved[v], fields=fields) if v in saved else {key: v} for v in values]


def _saved_rows(profile: InstitutionalProfile | None) -> dict[str, list[dict]]:
    """The tables' initial rows (from the prefetched rows of the saved profile)."""
    staff = budgets = services = bodies = ()
    if profile is not None:
        staff, budgets = profile.staff.all(), profile.budget_years.all()
        services, bodies = profile.services.all(), profile.participatory_bodies.all()
    body_fields = ParticipatoryBodyForm._meta.fields
    return {
        "staff": _initial(staff, "category", StaffCount.Category.values, StaffCountForm),
        "budget": _initial(budgets, "year", budget_years(), BudgetYearForm),
        "services": _initial(
            services, "service", ServiceDelivery.Service.values, ServiceDeliveryForm
        ),
        "bodies": [model_to_dict(body, fields=body_fields) for body in bodies],
    }


class ProfileForms:
    """The profile's form and its four tables, bound together: valid only if all are."""

    def __init__(self, *, dossier: Dossier, profile: InstitutionalProfile | None, data=None):
        instance = profile or InstitutionalProfile(dossier=dossier)
        self.profile = InstitutionalProfileForm(data, instance=instance, prefix="profile")
        saved = _saved_rows(profile)
        self.staff = StaffFormSet(data, prefix="staff", initial=saved["staff"])
        self.budget = BudgetFormSet(data, prefix="budget", initial=saved["budget"])
        self.services = ServiceFormSet(data, prefix="services", initial=saved["services"])
        self.bodies = BodyFormSet(data, prefix="bodies", initial=saved["bodies"])
        self.service_errors: list[str] = []

    @property
    def tables(self) -> tuple[forms.BaseFormSet, ...]:
        return (self.staff, self.budget, self.services, self.bodies)

    def is_valid(self) -> bool:
        return all([part.is_valid() for part in (self.profile, *self.tables)])  # every part checked

    def rows(self) -> dict:
        """The service's arguments: the profile and fresh rows of its tables."""
        return {
            "profile": self.profile.instance,
            "staff": new_rows(self.staff, StaffCount),
            "budgets": new_rows(self.budget, BudgetYear),
            "services": new_rows(self.services, ServiceDelivery),
            "bodies": new_rows(self.bodies, ParticipatoryBody),
        }

    def section_names(self) -> dict[str, str]:
        """The page's sections that are valid, by the service's name for them: what a
        partial save keeps. Only meaningful after `is_valid()`."""
        names = {
            "profile": gettext_lazy("Key figures"),
            "staff": gettext_lazy("Staff"),
            "budgets": gettext_lazy("Budget"),
            "services": gettext_lazy("Public services"),
            "bodies": gettext_lazy("Participatory bodies"),
        }
        parts = dict(zip(names, (self.profile, *self.tables), strict=True))
        return {name: str(names[name]) for name, part in parts.items() if part.is_valid()}

    def valid_sections(self) -> dict:
        """The service's arguments for the valid sections only (see `save_profile_sections`)."""
        valid = self.section_names()
        tables = {
            "staff": (self.staff, StaffCount),
            "budgets": (self.budget, BudgetYear),
            "services": (self.services, ServiceDelivery),
            "bodies": (self.bodies, ParticipatoryBody),
        }
        return {
            "profile": self.profile.instance if "profile" in valid else None,
            "tables": {
                name: new_rows(formset, model)
                for name, (formset, model) in tables.items()
                if name in valid
            },
        }

    def summary(self) -> list[SummaryItem]:
        items = [SummaryItem(message) for message in self.service_errors]
        items += summary_items(self.profile)
        for table in self.tables:
            items += [SummaryItem(str(message)) for message in table.non_form_errors()]
            for form in table.forms:
                if not getattr(form, "cleaned_data", {}).get("DELETE"):
                    items += summary_items(form, form.row_label)
        return items
