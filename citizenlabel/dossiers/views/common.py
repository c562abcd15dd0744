"""Helpers shared by the dossier views: the user-aware fetch, permission checks that answer
404 to outsiders, and HTTP 403 with a clear message to insiders who may not act now."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest

from ..models import Dossier
from ..selectors import dossier_for_user


def get_dossier(request: HttpRequest, pk: int) -> Dossier:
    return dossier_for_user(request.user, pk)


def require(predicate, request: HttpRequest, dossier: Dossier, message: str = "") -> None:
    """Refuse an action the user may not take on a dossier they can see."""
    if not predicate(request.user, dossier):
        raise PermissionDenied(message)


def require_or_404(predicate, request: HttpRequest, *args) -> None:
    if not predicate(request.user, *args):
        raise Http404
