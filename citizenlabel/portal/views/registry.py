"""The public portal's home, the registry of labelled communes, a commune's public page and
the good-practice library. No sign-in; every read goes through `portal.published`."""

from django import forms
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from citizenlabel.accreditation.enums import LabelStatus
from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Edition

from ..selectors_registry import (
    PracticeFilters,
    RegistryFilters,
    commune_page,
    field_choices,
    filter_labels,
    practice_library,
    principle_choices,
    public_commune,
    region_choices,
    registry_choices,
    registry_labels,
)

REGISTRY_PAGE_SIZE = 25
PRACTICES_PAGE_SIZE = 10
EVERYTHING = _("All")


class RegistryForm(forms.Form):
    q = forms.CharField(
        label=_("Name of the commune"), required=False, max_length=100, widget=forms.SearchInput
    )
    region = forms.ChoiceField(label=_("Region"), required=False)
    province = forms.ChoiceField(label=_("Province or prefecture"), required=False)
    edition = forms.TypedChoiceField(
        label=_("Edition"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", EVERYTHING), *LabelStatus.choices]
    )

    def __init__(self, data, *, regions, provinces, editions):
        super().__init__(data)
        self.fields["region"].choices = _coded(regions)
        self.fields["province"].choices = _coded(provinces)
        self.fields["edition"].choices = [("", EVERYTHING)] + [
            (e.pk, translated(e.name)) for e in editions
        ]

    def filters(self) -> RegistryFilters:
        """The valid filters; an unknown value is reported on its field and left out."""
        self.is_valid()
        return RegistryFilters(**{k: v for k, v in self.cleaned_data.items() if v is not None})


class PracticeForm(forms.Form):
    q = forms.CharField(label=_("Words"), required=False, max_length=100, widget=forms.SearchInput)
    principle = forms.ChoiceField(label=_("Principle"), required=False)
    field = forms.ChoiceField(label=_("Field"), required=False)
    region = forms.ChoiceField(label=_("Region"), required=False)

    def __init__(self, data, *, principles, fields, regions):
        super().__init__(data)
        self.fields["principle"].choices = [("", EVERYTHING), *principles]
        self.fields["field"].choices = [("", EVERYTHING), *fields]
        self.fields["region"].choices = _coded(regions)

    def filters(self) -> PracticeFilters:
        self.is_valid()
        return PracticeFilters(**self.cleaned_data)


def _coded(items) -> list[tuple[str, str]]:
    return [("", EVERYTHING)] + [(item.code, translated(item.name)) for item in items]


def _page(request: HttpRequest, rows: list, size: int) -> dict:
    """The page asked for and the query string that keeps the filters on the pager."""
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": Paginator(rows, size).get_page(request.GET.get("page")),
        "query": query.urlencode(),
    }


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    editions = list(Edition.objects.order_by("-created_at").only("pk", "name", "created_at"))
    return render(request, "portal/home.html", {"editions": editions})


@require_safe
def registry(request: HttpRequest) -> HttpResponse:
    labels = registry_labels()
    form = RegistryForm(request.GET, **registry_choices(labels))
    rows = filter_labels(labels, form.filters())
    context = {"form": form, **_page(request, rows, REGISTRY_PAGE_SIZE)}
    return render(request, "portal/registry.html", context)


@require_safe
def commune(request: HttpRequest, code: str) -> HttpResponse:
    page = commune_page(public_commune(code))
    return render(request, "portal/commune.html", {"view": page, "commune": page.commune})


@require_safe
def practices(request: HttpRequest) -> HttpResponse:
    form = PracticeForm(
        request.GET,
        principles=principle_choices(),
        fields=field_choices(),
        regions=region_choices(),
    )
    rows = practice_library(form.filters())
    context = {"form": form, **_page(request, rows, PRACTICES_PAGE_SIZE)}
    return render(request, "portal/practices.html", context)
