from django.urls import path

app_name = "accreditation"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- sessions, agenda, attendance, votes, decisions, minutes --
    # -- labels, certificates, public verification, revocation, renewal --
]
