"""Good practices carry the field they belong to; the public library filters by it."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from citizenlabel.dossiers.models import GoodPractice
from citizenlabel.dossiers.services.practices import save_good_practice
from citizenlabel.referential.parsing import parse_referential_yaml
from citizenlabel.referential.services import load_referential
from tests.factories import commune_people, dossier_in_self_assessment
from tests.referential.samples import SCORING_YAML

pytestmark = pytest.mark.django_db


def practice(dossier, focal, field, title):
    referential = dossier.edition.referential
    return GoodPractice(
        title=title,
        principle=referential.principles.get(code="PART"),
        field=field,
        description="…",
        results="…",
        started_on=date(2025, 1, 1),
        may_publish=True,
        created_by=focal,
    )


def test_a_field_of_another_referential_is_refused_and_nothing_is_saved():
    dossier = dossier_in_self_assessment()
    focal, _president = commune_people(dossier)
    foreign = load_referential(spec=parse_referential_yaml(SCORING_YAML)).fields.first()
    with pytest.raises(ValidationError) as error:
        save_good_practice(
            dossier=dossier, practice=practice(dossier, focal, foreign, "x"), uploads=[], by=focal
        )
    assert "field" in error.value.message_dict
    assert GoodPractice.objects.count() == 0


def test_the_library_filters_by_field(client):
    dossier = dossier_in_self_assessment()
    focal, _president = commune_people(dossier)
    fields = dossier.edition.referential.fields
    for code, title in (("F3", "ميزانية تشاركية"), ("F4", "إنارة عمومية مقتصدة")):
        save_good_practice(
            dossier=dossier,
            practice=practice(dossier, focal, fields.get(code=code), title),
            uploads=[],
            by=focal,
        )
    dossier.state = "submitted"  # practices become public once the file is submitted
    dossier.save()
    response = client.get(reverse("portal:practices"), {"field": "F4"})
    assert [p.title for p in response.context["page"]] == ["إنارة عمومية مقتصدة"]
    response = client.get(reverse("portal:practices"))
    assert len(response.context["page"]) == 2
