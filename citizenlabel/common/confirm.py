"""One confirmation step for the irreversible actions: the first POST shows what will happen
and who will be told; the same POST with `confirmed=yes` takes the action. It works without
JavaScript, and the confirmation is a page of its own that screen readers announce."""

from dataclasses import dataclass, field

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

CONFIRMED = "confirmed"


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRMED) == "yes"


@dataclass(frozen=True)
class Consequences:
    """What the confirmation page says: the action, what follows, who is told."""

    title: str
    action: str  # the confirm button's text
    effects: list[str] = field(default_factory=list)
    told: list[str] = field(default_factory=list)
    danger: bool = False


def confirmation_page(
    request: HttpRequest, consequences: Consequences, *, cancel_url: str
) -> HttpResponse:
    """The page that asks; it posts back what the user sent, plus the confirmation."""
    echoed = [
        (name, value)
        for name in request.POST
        if name not in ("csrfmiddlewaretoken", CONFIRMED)
        for value in request.POST.getlist(name)
    ]
    context = {
        "consequences": consequences,
        "echoed": echoed,
        "action_url": request.get_full_path(),
        "cancel_url": cancel_url,
    }
    return render(request, "common/confirm.html", context)
