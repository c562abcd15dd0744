import pytest
from django.urls import reverse

from citizenlabel.people.enums import Role
from citizenlabel.referential.parsing import parse_referential_yaml
from citizenlabel.referential.services import load_referential
from tests.factories import UserFactory, user_with_role
from tests.referential.samples import SCORING_YAML

pytestmark = pytest.mark.django_db


@pytest.fixture
def referential():
    return load_referential(spec=parse_referential_yaml(SCORING_YAML))


@pytest.fixture
def member_client(client):
    client.force_login(user_with_role(Role.COORDINATION))
    return client


def test_the_list_shows_each_version_with_its_counts(member_client, referential):
    response = member_client.get(reverse("referential:list"))
    [row] = response.context["referentials"]
    assert (row.code, row.principle_count, row.question_count) == (
        referential.code,
        referential.principles.count(),
        referential.questions.count(),
    )


def test_the_browser_shows_questions_in_arabic_then_in_french(member_client, referential):
    question = referential.questions.first()
    response = member_client.get(reverse("referential:detail", args=[referential.pk]))
    html = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in html
    assert question.text["ar"] in html
    member_client.cookies["django_language"] = "fr"
    html = member_client.get(reverse("referential:detail", args=[referential.pk])).content.decode()
    assert '<html lang="fr" dir="ltr">' in html
    assert question.text["fr"] in html


def test_the_browser_groups_by_principle(member_client, referential):
    response = member_client.get(
        reverse("referential:detail", args=[referential.pk]), {"by": "principle"}
    )
    sections = response.context["sections"]
    assert [s.code for s in sections] == list(referential.principles.values_list("code", flat=True))
    assert sum(len(g.rows) for s in sections for g in s.groups) == referential.questions.count()


def test_people_without_a_role_get_404_and_visitors_sign_in(client, referential):
    url = reverse("referential:detail", args=[referential.pk])
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    response = client.get(url)
    assert response.status_code == 404
    assert referential.questions.first().text["ar"] not in response.content.decode()


def test_the_browser_costs_the_same_queries_whatever_the_size(
    member_client, django_assert_max_num_queries
):
    from citizenlabel.demo.base import ensure_default_referential

    big = ensure_default_referential()
    small = load_referential(spec=parse_referential_yaml(SCORING_YAML))
    assert big.questions.count() > 10 * small.questions.count()
    for referential in (small, big):
        with django_assert_max_num_queries(12):
            member_client.get(reverse("referential:detail", args=[referential.pk]))


def test_the_comparison_lists_added_removed_and_changed_questions(member_client, referential):
    changed_yaml = SCORING_YAML.replace('version: "1"', 'version: "2"')
    newer_spec = parse_referential_yaml(changed_yaml)
    field = newer_spec.fields[0]
    first, *rest = list(field.all_questions())
    from dataclasses import replace

    newer_spec = replace(
        newer_spec,
        fields=(
            replace(field, questions=(replace(first, weight=first.weight + 1),), topics=()),
            *newer_spec.fields[1:],
        ),
    )
    newer = load_referential(spec=newer_spec)
    response = member_client.get(
        reverse("referential:compare"), {"before": referential.pk, "after": newer.pk}
    )
    comparison = response.context["comparison"]
    assert [c.code for c in comparison.changed] == [first.code]
    assert comparison.changed[0].changed == ("weight",)
    assert [p.question.code for p in comparison.removed] == [q.code for q in rest]
    assert comparison.added == ()
