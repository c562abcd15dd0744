from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .browsing import browse_by_field, browse_by_principle
from .comparison import compare_referentials
from .models import Referential
from .rules import can_browse_referential
from .selectors import referential_spec, referentials_with_counts

# How the comparison names what changed in a question.
CHANGE_LABELS = {
    "field": gettext_lazy("field"),
    "principle": gettext_lazy("principle"),
    "kind": gettext_lazy("kind"),
    "text": gettext_lazy("text"),
    "options": gettext_lazy("options or points"),
    "letter": gettext_lazy("letter"),
    "weight": gettext_lazy("weight"),
    "max_points": gettext_lazy("maximum points"),
    "help": gettext_lazy("help"),
    "legal_basis": gettext_lazy("legal basis"),
    "evidence": gettext_lazy("verification sources"),
    "critical": gettext_lazy("critical"),
}


def _allowed_or_404(request: HttpRequest) -> None:
    if not can_browse_referential(request.user):
        raise Http404


@login_required
def referential_list(request: HttpRequest) -> HttpResponse:
    _allowed_or_404(request)
    referentials = list(referentials_with_counts())
    return render(request, "referential/list.html", {"referentials": referentials})


@login_required
def referential_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _allowed_or_404(request)
    referential = get_object_or_404(Referential, pk=pk)
    spec = referential_spec(referential)
    by_principle = request.GET.get("by") == "principle"
    context = {
        "referential": referential,
        "spec": spec,
        "by_principle": by_principle,
        "sections": browse_by_principle(spec) if by_principle else browse_by_field(spec),
    }
    return render(request, "referential/detail.html", context)


@login_required
def referential_compare(request: HttpRequest) -> HttpResponse:
    _allowed_or_404(request)
    referentials = list(Referential.objects.order_by("code", "version"))
    by_pk = {str(r.pk): r for r in referentials}
    before, after = (
        by_pk.get(request.GET.get("before", "")),
        by_pk.get(request.GET.get("after", "")),
    )
    context = {"referentials": referentials, "before": before, "after": after}
    if request.GET and (before is None or after is None):
        context["error"] = _("Choose two versions to compare.")
    elif before and after:
        comparison = compare_referentials(referential_spec(before), referential_spec(after))
        context["comparison"] = comparison
        context["changes"] = [
            (change, [str(CHANGE_LABELS[name]) for name in change.changed])
            for change in comparison.changed
        ]
    return render(request, "referential/compare.html", context)
