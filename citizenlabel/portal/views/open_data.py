"""Open data: the page (filters, download links, schema, licence) and the downloads."""

from urllib.parse import urlencode

from django import forms
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from citizenlabel.accreditation.enums import LabelStatus
from citizenlabel.dossiers.models import Edition
from citizenlabel.territory.models import Province, Region

from ..open_data import (
    LICENCE,
    WRITERS,
    OpenDataFilters,
    filtered_dossiers,
    open_data,
    schema_for,
)
from ..published import published_dossiers

FORMATS = [("csv", "CSV"), ("json", "JSON"), ("xlsx", "Excel")]


class OpenDataFilterForm(forms.Form):
    edition = forms.ModelChoiceField(
        label=_("Edition"), queryset=Edition.objects.none(), required=False, empty_label=_("All")
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
    province = forms.ModelChoiceField(
        label=_("Province or prefecture"),
        queryset=Province.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("All"),
    )
    status = forms.ChoiceField(
        label=_("Label status"),
        choices=[("", _("All")), *LabelStatus.choices],
        required=False,
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        published = published_dossiers().values("edition")
        self.fields["edition"].queryset = Edition.objects.filter(pk__in=published)

    def filters(self) -> OpenDataFilters:
        return OpenDataFilters(**self.cleaned_data)

    def query(self) -> str:
        """The validated filters as a stable query string (empty ones left out)."""
        data = self.cleaned_data
        pairs = {
            "edition": data["edition"].pk if data["edition"] else "",
            "region": data["region"].code if data["region"] else "",
            "province": data["province"].code if data["province"] else "",
            "status": data["status"],
        }
        return urlencode({key: value for key, value in pairs.items() if value})


@require_GET
def open_data_page(request: HttpRequest) -> HttpResponse:
    form = OpenDataFilterForm(request.GET)
    valid = form.is_valid()
    filters = form.filters() if valid else OpenDataFilters()
    dossiers = filtered_dossiers(filters)
    context = {
        "form": form,
        "query": form.query() if valid else "",
        "formats": FORMATS,
        "count": dossiers.count(),
        "columns": schema_for(dossiers),
        "licence": LICENCE,
    }
    return render(request, "portal/open_data/page.html", context)


def _file_name(form: OpenDataFilterForm, fmt: str) -> str:
    parts = ["citizen-commune-label-results"]
    data = form.cleaned_data
    if data["edition"]:
        parts.append(f"edition-{data['edition'].pk}")
    for key in ("region", "province"):
        if data[key]:
            parts.append(f"{key}-{data[key].code}")
    if data["status"]:
        parts.append(data["status"])
    parts.append(timezone.localdate().isoformat())
    return "-".join(parts) + f".{fmt}"


@require_GET
def open_data_download(request: HttpRequest, fmt: str) -> HttpResponse:
    form = OpenDataFilterForm(request.GET)
    if not form.is_valid():
        message = gettext("Unknown filter value: %(fields)s.") % {"fields": ", ".join(form.errors)}
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    write, content_type = WRITERS[fmt]
    response = HttpResponse(write(open_data(form.filters())), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_file_name(form, fmt)}"'
    return response
