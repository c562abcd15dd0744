import pytest
from django.urls import reverse

from citizenlabel.referential.parsing import parse_referential_yaml
from citizenlabel.referential.services import load_referential, lock_referential
from citizenlabel.territory.models import Region
from tests.factories import UserFactory
from tests.referential.samples import SCORING_YAML

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_bilingual_names_are_edited_one_input_per_language(admin_client):
    region = Region.objects.get(code="01")
    url = reverse("admin:territory_region_change", args=[region.pk])
    html = admin_client.get(url).content.decode()
    assert 'name="name_ar"' in html and 'name="name_fr"' in html
    assert region.name["ar"] in html
    response = admin_client.post(url, {"code": "01", "name_ar": "جهة الشمال", "name_fr": ""})
    assert response.status_code == 302
    region.refresh_from_db()
    assert region.name == {"ar": "جهة الشمال"}


def test_the_admin_speaks_french_on_request(admin_client):
    admin_client.cookies["django_language"] = "fr"
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert "Régions" in html


def test_a_locked_referential_is_read_only_in_the_admin(admin_client):
    referential = lock_referential(
        referential=load_referential(spec=parse_referential_yaml(SCORING_YAML))
    )
    question = referential.questions.first()
    url = reverse("admin:referential_question_change", args=[question.pk])
    response = admin_client.post(url, {"code": "X"})
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.code == "1.1"
