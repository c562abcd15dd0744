
app_name = "verification"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- teams, review inbox, study, provisional score, visit --
    # -- on-site verification, components, diagnosis --
    # -- final score, report, publication, proposal --
]
