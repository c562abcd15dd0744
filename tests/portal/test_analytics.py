"""National analytics: the pure aggregations by hand, the two pages for every role, what
the public page must never show, and the query counts."""

import pytest
from django.urls import reverse

from citizenlabel.people.enums import Role
from citizenlabel.portal import analytics as calc
from citizenlabel.verification.models import ScoreSnapshot
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    EditionFactory,
    ProvinceFactory,
    RegionFactory,
    UserFactory,
    coordination_member,
    user_with_role,
)
from tests.factories.portal import scored_dossier

PUBLIC = reverse("portal:analytics")
NATIONAL = reverse("portal:national_analytics")


def row(dossier, *, region="R1", kind="rural", population=5000, overall=50.0, edition=1, **p):
    return calc.ScoreRow(dossier, edition, f"C{dossier}", region, kind, population, overall, p)


# --- pure functions ---------------------------------------------------------------------


def test_it_counts_the_funnel_from_the_states_reached():
    counts = [
        calc.StateCount("R1", "draft", 2),
        calc.StateCount("R1", "self_assessment", 3),
        calc.StateCount("R1", "labelled", 1),
        calc.StateCount("R2", "action_plan", 1),
        calc.StateCount("R2", "withdrawn", 1),
        calc.StateCount("R2", "submitted", 2),
    ]
    assert calc.funnel(20, counts) == {
        "targets": 20,
        "candidacies": 10,
        "eligible": 8,
        "submitted": 5,
        "verified": 3,
        "labelled": 1,
        "action_plan": 1,
        "withdrawn": 1,
    }
    by_region = calc.funnel_by_region({"R1": 12, "R3": 4}, counts)
    assert list(by_region) == ["R1", "R2", "R3"]
    assert list(by_region["R1"].values()) == [12, 6, 4, 1, 1, 1, 0, 0]
    assert list(by_region["R3"].values()) == [4, 0, 0, 0, 0, 0, 0, 0]


def test_it_averages_leaving_out_missing_figures_and_counts_bands():
    rows = [row(1, A=40, B=90), row(2, region="R2", A=60), row(3, A=80, B=70)]
    assert calc.averages([r.by_principle for r in rows], ["A", "B", "C"]) == {
        "A": 60,
        "B": 80,
        "C": None,
    }
    assert calc.averages_by_region(rows, ["A", "B"]) == {
        "R1": {"A": 60, "B": 80},
        "R2": {"A": 60, "B": None},
    }
    assert calc.distribution([0, 9.99, 10, 55, 100, None, 99.5]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]


def test_it_finds_the_weakest_questions_over_points_and_maxima():
    scores = [
        calc.QuestionPoints("1.1", 1, 4),
        calc.QuestionPoints("1.1", 3, 4),  # 4 / 8 = 50 %
        calc.QuestionPoints("1.2", 0, 2),  # 0 %
        calc.QuestionPoints("1.3", 0, 0),  # not applicable everywhere: left out
        calc.QuestionPoints("1.4", 2, 2),
    ]
    assert calc.question_averages(scores) == {"1.1": 50, "1.2": 0, "1.4": 100}
    assert calc.weakest(calc.question_averages(scores), limit=2) == [("1.2", 0), ("1.1", 50)]


def test_it_compares_declared_and_verified_on_the_same_dossiers():
    pairs = [({"A": 80, "B": 60}, {"A": 60, "B": 60}), ({"A": 100}, {"A": 70, "B": 20})]
    found = calc.gaps(pairs, ["A", "B"])
    assert [(g.code, g.declared, g.verified, g.gap) for g in found] == [
        ("A", 90, 65, -25),
        ("B", 60, 60, 0),  # the second dossier declared nothing for B
    ]


def test_it_benchmarks_a_commune_against_each_peer_group():
    subject = row(1, population=30_000, A=50)
    rows = [
        subject,
        row(2, population=12_000, A=70),  # same region, kind and band
        row(3, region="R2", population=45_000, A=30),  # same kind and band
        row(4, kind="urban", population=300_000, A=90),  # same region only
        row(5, edition=2, A=0),  # another edition: never a peer
    ]
    sizes, table = calc.benchmark(subject, rows, ["A"])
    assert sizes == {"region": 2, "kind": 2, "population": 2}
    assert table == [calc.BenchmarkRow("A", 50, 80, 50, 50)]
    assert [calc.population_band(p) for p in (None, 9_999, 10_000, 50_000, 200_000)] == [
        None,
        "under_10k",
        "10k_50k",
        "50k_200k",
        "over_200k",
    ]


def test_it_follows_the_average_across_editions():
    rows = [row(1, overall=40, A=40), row(2, overall=60), row(3, edition=2, overall=90, A=90)]
    found = calc.trends(rows, [1, 2, 3], ["A"])
    assert [(t.edition, t.communes, t.overall, t.by_principle) for t in found] == [
        (1, 2, 50, {"A": 40}),
        (2, 1, 90, {"A": 90}),
        (3, 0, None, {"A": None}),
    ]


# --- the pages ----------------------------------------------------------------------------


@pytest.fixture
def edition(db):
    edition = EditionFactory()
    edition.target_communes.add(*CommuneFactory.create_batch(3))
    return edition


def test_the_public_page_shows_the_funnel_and_verified_averages(client, edition):
    scored_dossier(edition, principle={"PART": 60.0, "EQUAL": 40.0}, overall=50)
    scored_dossier(edition, principle={"PART": 80.0, "EQUAL": 20.0}, overall=70)
    DossierFactory(edition=edition, state="self_assessment")
    response = client.get(PUBLIC)
    assert response.status_code == 200
    assert [(key, count) for key, _label, count in response.context["stages"]] == [
        ("targets", 3),
        ("candidacies", 3),
        ("eligible", 3),
        ("submitted", 2),
        ("verified", 2),
        ("labelled", 2),
        ("action_plan", 0),
        ("withdrawn", 0),
    ]
    table = response.context["by_principle"]["table"]
    assert [(overall, local) for _t, overall, local in table[:2]] == [(70, None), (30, None)]
    assert response.context["bands"][5] == ("50–60", 1)
    assert "weakest" not in response.context and "gaps" not in response.context
    assert b"<svg" in response.content and b'scope="row"' in response.content


def test_the_public_page_never_leaks_unpublished_or_declared_scores(client, edition):
    scored_dossier(edition, principle={"PART": 61.5}, overall=55.5)
    secret = CommuneFactory(name={"ar": "جماعة سرية", "fr": "Commune secrète"})
    scored_dossier(
        edition, commune=secret, publish=False, state="verified", principle={"PART": 12.5}
    )
    provisional = scored_dossier(edition, state="verification", overall=33.25)
    ScoreSnapshot.objects.filter(dossier=provisional).update(kind="provisional")
    asked = client.get(PUBLIC, {"commune": secret.code}).context
    assert asked["subject"] is None and asked["form"].errors.keys() == {"commune"}
    for language in ("ar", "fr"):
        client.cookies["django_language"] = language
        response = client.get(PUBLIC)
        body = response.content.decode()
        for leak in ("سرية", "secrète", secret.code, "87,2", "87.2", "93,7", "93.7", "81,2"):
            assert leak not in body
        for leak in ("12,5", "12.5", "33,2", "33.2", "weakest-title", "gap-title", "Déclaré"):
            assert leak not in body


def test_the_national_page_adds_the_gap_and_the_weakest_questions(client, edition):
    scored_dossier(edition, principle={"PART": 60.0, "EQUAL": 40.0})
    client.force_login(coordination_member())
    response = client.get(NATIONAL)
    assert response.status_code == 200
    gaps = {g.code: (g.declared, g.verified, g.gap) for _t, g in response.context["gaps"]}
    assert gaps["PART"] == (93.75, 60.0, -33.75)
    weakest = response.context["weakest"]
    assert len(weakest) == 10 and weakest[0][2] == 0
    assert [value for _c, _t, value in weakest] == sorted(v for _c, _t, v in weakest)


@pytest.mark.parametrize("role", [Role.COORDINATION, Role.ACCREDITATION, Role.ADMINISTRATOR])
def test_committees_and_administrators_read_the_national_page(client, edition, role):
    client.force_login(user_with_role(role))
    assert client.get(NATIONAL).status_code == 200


def test_everyone_else_gets_404_on_the_national_page(client, edition):
    commune = CommuneFactory()
    assert client.get(NATIONAL).status_code == 404
    for role, scope in (
        (Role.FOCAL_POINT, {"commune": commune}),
        (Role.PRESIDENT, {"commune": commune}),
        (Role.TECHNICAL_TEAM, {}),
    ):
        client.force_login(user_with_role(role, **scope))
        assert client.get(NATIONAL).status_code == 404
    client.force_login(UserFactory())
    assert client.get(NATIONAL).status_code == 404


def test_filters_by_region_and_benchmarks_a_commune(client, edition):
    region = RegionFactory(code="R77")
    near = CommuneFactory(province=ProvinceFactory(region=region), population=30_000)
    scored_dossier(edition, commune=near, principle={"PART": 50.0})
    scored_dossier(
        edition, commune=CommuneFactory(province=near.province), principle={"PART": 70.0}
    )
    scored_dossier(edition, principle={"PART": 10.0})
    response = client.get(PUBLIC, {"edition": edition.pk, "region": "R77", "commune": near.code})
    table = response.context["by_principle"]["table"]
    assert (table[0][1], table[0][2]) == (pytest.approx(130 / 3), 60)
    assert response.context["scored"] == 2
    assert response.context["stages"][1][2] == 2
    assert response.context["peers"][0][1] == 1
    assert response.context["benchmark"][0][1] == calc.BenchmarkRow("PART", 50, 70, 40, 40)


def test_a_wrong_filter_is_reported_and_the_defaults_used(client, edition):
    latest = EditionFactory()
    response = client.get(PUBLIC, {"edition": "999999", "region": "nowhere"})
    assert response.status_code == 200
    assert response.context["edition"] == latest and latest != edition
    assert 'role="alert"' in response.content.decode()
    assert response.context["form"].errors.keys() == {"edition", "region"}


def test_trends_show_every_edition(client, edition):
    scored_dossier(edition, overall=60)
    later = EditionFactory()
    scored_dossier(later, overall=80)
    trends = client.get(PUBLIC).context["trends"]
    assert [(n, overall) for _name, n, overall, _p in trends] == [(1, 60), (1, 80)]


@pytest.mark.parametrize("url", [PUBLIC, NATIONAL])
def test_the_query_count_does_not_grow_with_the_dossiers(
    client, db, django_assert_num_queries, url
):
    edition = EditionFactory()
    client.force_login(coordination_member())
    dossiers = [scored_dossier(edition) for _ in range(2)]
    query = {"commune": dossiers[0].commune.code}
    with django_assert_num_queries(QUERIES[url]):
        assert client.get(url, query).status_code == 200
    for _ in range(10):
        scored_dossier(edition)
    with django_assert_num_queries(QUERIES[url]):
        assert client.get(url, query).status_code == 200


QUERIES = {PUBLIC: 12, NATIONAL: 20}
