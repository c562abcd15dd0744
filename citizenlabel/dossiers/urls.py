from django.urls import path

from .views import dossiers

app_name = "dossiers"
urlpatterns = [
    path("dossiers/", dossiers.dossier_list, name="list"),
    path("dossiers/<int:pk>/", dossiers.dossier_detail, name="detail"),
    # Each stage adds its own routes below, one block per views module.
    # -- profile and good practices --
    # -- clarifications and extensions --
    # -- editions and calendar --
    # -- candidacy and eligibility --
    # -- self-assessment --
    # -- approval and report --
]
