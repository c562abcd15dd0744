from django.urls import path

from .views import components, diagnosis, proposal, results, review, teams, verify, visit

app_name = "verification"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- teams, review inbox, study, provisional score, visit --
    path("teams/", teams.team_list, name="team_list"),
    path("teams/new/", teams.team_form, name="team_create"),
    path("teams/<int:pk>/edit/", teams.team_form, name="team_edit"),
    path("review/", review.inbox, name="inbox"),
    path("dossiers/<int:pk>/assign-team/", review.assign_team, name="assign_team"),
    path("dossiers/<int:pk>/study/", review.study, name="study"),
    path("dossiers/<int:pk>/study/<int:question_pk>/", review.review, name="review_answer"),
    path(
        "dossiers/<int:pk>/study/provisional-score/",
        review.record_provisional,
        name="record_provisional",
    ),
    path("dossiers/<int:pk>/visit/", visit.visit, name="visit"),
    # -- on-site verification, components, diagnosis --
    path("dossiers/<int:pk>/verify/", verify.verify_start, name="verify_start"),
    path("dossiers/<int:pk>/verify/<str:field_code>/", verify.verify, name="verify"),
    path(
        "dossiers/<int:pk>/verify/answers/<int:question_pk>/",
        verify.verify_answer,
        name="verify_answer",
    ),
    path("dossiers/<int:pk>/components/", components.components, name="components"),
    path("dossiers/<int:pk>/diagnosis/", diagnosis.diagnosis, name="diagnosis"),
    # -- final score, publication, proposal (the report: reports/urls.py) --
    path("dossiers/<int:pk>/final/", results.final, name="final"),
    path("dossiers/<int:pk>/publish/", results.publish, name="publish"),
    path("dossiers/<int:pk>/proposal/", proposal.proposal, name="proposal"),
]
