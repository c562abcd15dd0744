from django.urls import path

app_name = "portal"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- registry, commune page, good practices, portal home --
    # -- analytics --
    # -- open data --
]
