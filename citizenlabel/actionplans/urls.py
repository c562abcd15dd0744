from django.urls import path, re_path

from citizenlabel.verification.enums import Round
from citizenlabel.verification.views.verify import verify_answer

from .views import dashboard, evaluation, logframe, plan, summary, timeline

app_name = "actionplans"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- plan: draft, what-if, logical framework, activities --
    path("dossiers/<int:pk>/plan/draft/", plan.draft, name="draft"),
    path("dossiers/<int:pk>/plan/open/", plan.open_plan, name="open"),
    path("dossiers/<int:pk>/plan/", logframe.logframe, name="logframe"),
    path("dossiers/<int:pk>/plan/edit/", logframe.plan_edit, name="plan_edit"),
    re_path(rf"{logframe.ROW}new/$", logframe.row_form, name="row_add"),
    re_path(rf"{logframe.ROW}(?P<row>[0-9]+)/edit/$", logframe.row_form, name="row_edit"),
    re_path(rf"{logframe.ROW}(?P<row>[0-9]+)/delete/$", logframe.row_delete, name="row_delete"),
    # -- timeline, dashboard, follow-up (the PDF: reports/urls.py) --
    path("dossiers/<int:pk>/plan/timeline/", timeline.timeline, name="timeline"),
    path("dossiers/<int:pk>/plan/dashboard/", dashboard.dashboard, name="dashboard"),
    path("dossiers/<int:pk>/plan/measurements/", dashboard.measurement, name="record_measurement"),
    path(
        "dossiers/<int:pk>/plan/activities/<int:activity_pk>/progress/",
        dashboard.activity_progress,
        name="activity_progress",
    ),
    path("dossiers/<int:pk>/plan/comments/", dashboard.comment, name="add_comment"),
    path("dossiers/<int:pk>/plan/visits/", dashboard.visit, name="add_visit"),
    # -- evaluation, re-verification, updated score --
    path("dossiers/<int:pk>/plan/evaluation/", evaluation.evaluation, name="evaluation"),
    path(
        "dossiers/<int:pk>/plan/evaluation/summary/",
        summary.evaluation_summary_block,
        name="evaluation_summary",
    ),
    path(
        "dossiers/<int:pk>/plan/evaluation/reverify/<int:question_pk>/",
        verify_answer,  # the verification's save, in its re-verification round
        {"round": Round.REVERIFICATION},
        name="reverify",
    ),
    path(
        "dossiers/<int:pk>/plan/evaluation/updated-score/",
        evaluation.updated_score,
        name="updated_score",
    ),
]
