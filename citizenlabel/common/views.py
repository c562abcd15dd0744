from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from citizenlabel.people.selectors import memberships_of


def home(request: HttpRequest) -> HttpResponse:
    memberships = memberships_of(request.user) if request.user.is_authenticated else []
    return render(request, "common/home.html", {"memberships": memberships})
