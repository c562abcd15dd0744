"""The documents' routes, grouped by the namespace of the pages that link to them: the
project's urls.py serves each group under that app's namespace (`verification:report`…), so
a page names its document by URL while no domain app imports `reports`."""

from django.urls import path

from . import views

DOCUMENTS = {
    "dossiers": [
        path("dossiers/<int:pk>/report.pdf", views.self_assessment_report, name="report"),
    ],
    "verification": [
        path(
            "dossiers/<int:pk>/verification-report.pdf",
            views.verification_report,
            name="report",
        ),
    ],
    "actionplans": [
        path("dossiers/<int:pk>/plan/report.pdf", views.action_plan_report, name="report"),
    ],
    "accreditation": [
        path("sessions/<int:pk>/minutes.pdf", views.minutes, name="minutes"),
        path("sessions/<int:pk>/items/<int:item_pk>/letter.pdf", views.letter, name="letter"),
        path("labels/<int:pk>/certificate.pdf", views.certificate, name="certificate"),
    ],
}
