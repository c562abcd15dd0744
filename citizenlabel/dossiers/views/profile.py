"""The institutional profile page: the form while the commune may edit it, a reading for
everyone else who may see the dossier (national staff, its technical team, the commune once
the self-assessment is closed)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .. import rules as dossier_rules
from ..forms.profile import PROFILE_GROUPS, ProfileForms
from ..models import BudgetYear, Dossier, InstitutionalProfile
from ..services.profile import (
    BUDGET_AMOUNTS,
    StaleProfile,
    profile_version,
    save_institutional_profile,
    save_profile_sections,
)
from ..services.selfassessment import closed_message
from .common import get_dossier


def _profile_of(dossier: Dossier) -> InstitutionalProfile | None:
    """The saved profile with its four tables, in five queries whatever their size."""
    return (
        InstitutionalProfile.objects.filter(dossier=dossier)
        .prefetch_related("staff", "budget_years", "services", "participatory_bodies")
        .first()
    )


@login_required
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    dossier = get_dossier(request, pk)
    saved = _profile_of(dossier)
    if not dossier_rules.can_edit_self_assessment(request.user, dossier):
        if request.method == "POST":
            raise PermissionDenied(closed_message())
        return _reading(request, dossier, saved)
    data = request.POST if request.method == "POST" else None
    forms = ProfileForms(dossier=dossier, profile=saved, data=data)
    version = request.POST.get("version", profile_version(saved))
    saved_sections: list[str] = []
    if data is not None and forms.is_valid():
        version = _save(request, dossier, forms, version)
        if not forms.service_errors:
            messages.success(request, _("The institutional profile was saved."))
            return redirect("dossiers:profile", pk=dossier.pk)
    elif data is not None:
        version, saved_sections = _save_valid_sections(request, dossier, forms, version)
    context = {
        "dossier": dossier,
        "forms": forms,
        "summary": forms.summary(),
        "version": version,
        "saved_sections": saved_sections,
        "unsaved": data is not None,  # the page shows input that is not (all) stored
    }
    return render(request, "dossiers/profile/profile_form.html", context)


def _save_valid_sections(
    request: HttpRequest, dossier: Dossier, forms: ProfileForms, version: str
) -> tuple[str, list[str]]:
    """Keep what was typed right while the rest is corrected: (the page's new version, the
    names of the sections saved)."""
    sections = forms.section_names()
    try:
        saved = save_profile_sections(
            dossier=dossier, **forms.valid_sections(), by=request.user, seen_version=version
        )
    except ValidationError:
        return version, []  # the forms' own checks already show what is wrong
    except StaleProfile as stale:
        forms.service_errors = [_stale_message()]
        return profile_version(stale.current), []
    if saved is None:  # no figures yet: the tables wait for them, on this page
        return version, []
    return profile_version(saved), list(sections.values())


def _stale_message() -> str:
    return _(
        "Someone else saved this profile after you opened it, so nothing was changed. "
        "Check your figures: saving again replaces theirs."
    )


def _save(request: HttpRequest, dossier: Dossier, forms: ProfileForms, version: str) -> str:
    """Call the service; a refusal is shown above the user's input, which stays on the page.
    Returns the version the page must remember from now on."""
    try:
        save_institutional_profile(
            dossier=dossier, **forms.rows(), by=request.user, seen_version=version
        )
    except ValidationError as error:
        forms.service_errors = error.messages
    except StaleProfile as stale:
        forms.service_errors = [_stale_message()]
        return profile_version(stale.current)
    return version


def _reading(request: HttpRequest, dossier: Dossier, saved: InstitutionalProfile | None):
    context = {"dossier": dossier, "profile": saved}
    if saved is not None:
        context["groups"] = [
            (legend, [(_verbose(name), getattr(saved, name)) for name in names])
            for legend, names in PROFILE_GROUPS
        ]
        years = sorted(saved.budget_years.all(), key=lambda row: row.year)
        context["budget_years"] = [row.year for row in years]
        context["budget_rows"] = [
            (
                capfirst(BudgetYear._meta.get_field(name).verbose_name),
                [getattr(row, name) for row in years],
            )
            for name in BUDGET_AMOUNTS
        ]
    return render(request, "dossiers/profile/profile_detail.html", context)


def _verbose(name: str) -> str:
    return capfirst(InstitutionalProfile._meta.get_field(name).verbose_name)
