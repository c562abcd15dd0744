from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .selectors import memberships_of


def home(request: HttpRequest) -> HttpResponse:
    """The platform's front page: what the label is, and the roles of who is signed in."""
    memberships = memberships_of(request.user) if request.user.is_authenticated else []
    return render(request, "people/home.html", {"memberships": memberships})
