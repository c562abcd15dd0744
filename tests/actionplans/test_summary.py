"""The evaluation's block on the dossier page: served by the action plans at its own URL, and
fetched by the dossier page (the dossiers app never imports the action plans)."""

import pytest
from django.urls import reverse

from tests.factories import (
    commune_people,
    dossier_in_self_assessment,
    dossier_with_plan_to_evaluate,
)

pytestmark = pytest.mark.django_db


def block_url(dossier) -> str:
    return reverse("actionplans:evaluation_summary", args=[dossier.pk])


def test_the_dossier_page_fetches_the_block_by_its_url(client):
    dossier, member = dossier_with_plan_to_evaluate()
    client.force_login(member)
    html = client.get(reverse("dossiers:detail", args=[dossier.pk])).content.decode()
    assert f'hx-get="{block_url(dossier)}" hx-trigger="load"' in html


def test_the_block_shows_the_evaluation_to_whoever_reads_the_plan(client):
    dossier, _member = dossier_with_plan_to_evaluate()
    client.force_login(commune_people(dossier)[0])
    response = client.get(block_url(dossier))
    assert response.context["summary"].dossier == dossier
    evaluation = reverse("actionplans:evaluation", args=[dossier.pk])
    assert f'href="{evaluation}"' in response.content.decode()


def test_the_block_is_empty_for_a_dossier_without_plan(client):
    dossier = dossier_in_self_assessment()
    client.force_login(commune_people(dossier)[0])
    response = client.get(block_url(dossier))
    assert (response.status_code, response.content.decode().strip()) == (200, "")


def test_an_outsider_gets_404(client):
    dossier, _member = dossier_with_plan_to_evaluate()
    client.force_login(commune_people(dossier_in_self_assessment())[0])
    assert client.get(block_url(dossier)).status_code == 404
