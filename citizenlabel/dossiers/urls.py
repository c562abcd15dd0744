from django.urls import path

from .views import (
    approval,
    candidacy,
    clarifications,
    dossiers,
    editions,
    extensions,
    practices,
    profile,
    selfassessment,
)

app_name = "dossiers"
urlpatterns = [
    path("dossiers/", dossiers.dossier_list, name="list"),
    path("dossiers/<int:pk>/", dossiers.dossier_detail, name="detail"),
    # Each stage adds its own routes below, one block per views module.
    # -- profile and good practices --
    path("dossiers/<int:pk>/profile/", profile.profile, name="profile"),
    path("dossiers/<int:pk>/practices/", practices.practice_list, name="practices"),
    path("dossiers/<int:pk>/practices/new/", practices.practice_new, name="practice_new"),
    path(
        "dossiers/<int:pk>/practices/<int:practice_pk>/",
        practices.practice_edit,
        name="practice_edit",
    ),
    path(
        "dossiers/<int:pk>/practices/<int:practice_pk>/delete/",
        practices.practice_delete,
        name="practice_delete",
    ),
    path(
        "dossiers/<int:pk>/practices/<int:practice_pk>/files/<int:file_pk>/delete/",
        practices.practice_file_delete,
        name="practice_file_delete",
    ),
    # -- clarifications and extensions --
    path(
        "dossiers/<int:pk>/clarifications/",
        clarifications.clarification_list,
        name="clarifications",
    ),
    path(
        "dossiers/<int:pk>/clarifications/<int:c_pk>/",
        clarifications.clarification_detail,
        name="clarification_detail",
    ),
    path("clarifications/", clarifications.inbox, name="clarification_inbox"),
    path("dossiers/<int:pk>/extension/", extensions.extension, name="extension"),
    # -- editions and calendar --
    path("editions/", editions.edition_list, name="edition_list"),
    path("editions/new/", editions.edition_form, name="edition_create"),
    path("editions/<int:pk>/", editions.edition_detail, name="edition_detail"),
    path("editions/<int:pk>/edit/", editions.edition_form, name="edition_edit"),
    path("editions/<int:pk>/open-call/", editions.open_call, name="open_call"),
    path("editions/<int:pk>/calendar/", editions.edition_calendar, name="edition_calendar"),
    # -- candidacy and eligibility --
    path("editions/<int:pk>/apply/", candidacy.start, name="start"),
    path("dossiers/<int:pk>/candidacy/", candidacy.candidacy, name="candidacy"),
    path("dossiers/<int:pk>/candidacy/submit/", candidacy.submit, name="submit_candidacy"),
    path("coordination/candidacies/", candidacy.inbox, name="candidacy_inbox"),
    path("dossiers/<int:pk>/eligibility/", candidacy.eligibility, name="eligibility"),
    # -- self-assessment --
    path("dossiers/<int:pk>/launch/", selfassessment.launch, name="launch"),
    path(
        "dossiers/<int:pk>/questionnaire/<str:field_code>/",
        selfassessment.questionnaire,
        name="questionnaire",
    ),
    path("dossiers/<int:pk>/answers/<int:question_pk>/", selfassessment.answer, name="answer"),
    path(
        "dossiers/<int:pk>/answers/<int:question_pk>/evidence/",
        selfassessment.upload_evidence,
        name="upload_evidence",
    ),
    path(
        "dossiers/<int:pk>/evidence/<int:file_pk>/delete/",
        selfassessment.delete_evidence,
        name="delete_evidence",
    ),
    path("files/<int:pk>/", selfassessment.download, name="file"),
    # -- approval (its report.pdf: reports/urls.py) --
    path("dossiers/<int:pk>/approval/", approval.approval, name="approval"),
    path("dossiers/<int:pk>/approval/send/", approval.send, name="send_for_approval"),
    path("dossiers/<int:pk>/approval/approve/", approval.approve, name="approve"),
    path("dossiers/<int:pk>/approval/return/", approval.return_file, name="return_file"),
]
