from django.urls import path, re_path

from .views import analytics, open_data, registry

app_name = "portal"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- registry, commune page, good practices, portal home --
    path("", registry.home, name="home"),
    path("communes/", registry.registry, name="registry"),
    path("communes/<str:code>/", registry.commune, name="commune"),
    path("practices/", registry.practices, name="practices"),
    # -- analytics --
    path("analytics/", analytics.public_analytics, name="analytics"),
    path("national/", analytics.national_analytics, name="national_analytics"),
    # -- open data --
    path("open-data/", open_data.open_data_page, name="open_data"),
    re_path(
        r"^open-data/results\.(?P<fmt>csv|json|xlsx)$",
        open_data.open_data_download,
        name="open_data_download",
    ),
]
