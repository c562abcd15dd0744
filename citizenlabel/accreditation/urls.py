from django.urls import path

from .views import labels, sessions

app_name = "accreditation"
urlpatterns: list = [
    # One block per views module; each slice adds its own routes under its comment.
    # -- sessions, agenda, attendance, votes, decisions (minutes, letters: reports/urls.py) --
    path("sessions/", sessions.session_list, name="session_list"),
    path("sessions/new/", sessions.session_form, name="session_create"),
    path("sessions/<int:pk>/", sessions.session_detail, name="session"),
    path("sessions/<int:pk>/edit/", sessions.session_form, name="session_edit"),
    path("sessions/<int:pk>/attendance/", sessions.attendance, name="attendance"),
    path("sessions/<int:pk>/items/<int:item_pk>/", sessions.item_detail, name="item"),
    path("sessions/<int:pk>/items/<int:item_pk>/conflict/", sessions.conflict, name="conflict"),
    path("sessions/<int:pk>/items/<int:item_pk>/vote/", sessions.vote, name="vote"),
    path("sessions/<int:pk>/items/<int:item_pk>/decision/", sessions.decide, name="decide"),
    path("sessions/<int:pk>/items/<int:item_pk>/rounds/new/", sessions.new_round, name="new_round"),
    path("sessions/<int:pk>/items/<int:item_pk>/postpone/", sessions.postpone, name="postpone"),
    # -- labels, public verification, revocation, renewal (certificates: reports/urls.py) --
    path("labels/", labels.label_list, name="label_list"),
    path("labels/verify/", labels.verify, name="verify"),
    path("labels/verify/<str:code>/", labels.verify, name="verify"),
    path("labels/<int:pk>/", labels.label_detail, name="label"),
    path("labels/<int:pk>/revoke/", labels.label_revoke, name="label_revoke"),
]
