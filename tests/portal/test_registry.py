"""The public registry, a commune's public page, the good-practice library, the portal home:
what they show, their filters, their fixed query counts, and what they never show."""

import re
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from citizenlabel.actionplans.models import ActionPlan, Activity
from citizenlabel.verification.models import DiagnosisPoint
from tests.factories import (
    CommuneFactory,
    DossierFactory,
    EditionFactory,
    GoodPracticeFactory,
    ProvinceFactory,
    RegionFactory,
    UserFactory,
    coordination_member,
)
from tests.factories.portal import label_for, labelled_commune, score_snapshot

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


# --- the portal home -------------------------------------------------------------------


def test_the_home_links_every_public_page_and_each_editions_calendar(client: Client):
    editions = [EditionFactory(), EditionFactory()]
    html = text_of(client.get(reverse("portal:home")))
    for url in (
        reverse("portal:registry"),
        reverse("portal:practices"),
        reverse("accreditation:verify"),
        *(reverse("dossiers:edition_calendar", args=[e.pk]) for e in editions),
    ):
        assert f'href="{url}"' in html


# --- the registry ----------------------------------------------------------------------


def registry(client: Client, **params):
    return client.get(reverse("portal:registry"), params)


def commune_names(response) -> list[str]:
    return [label.commune.name["ar"] for label in response.context["page"]]


def test_the_registry_lists_each_label_with_its_facts(client: Client):
    commune = labelled_commune()
    label = commune.labels.get()
    response = registry(client)
    html = text_of(response)
    assert response.status_code == 200
    assert commune_names(response) == ["الحسيمة"]
    assert reverse("portal:commune", args=[commune.code]) in html
    for fact in ("الحسيمة", commune.province.name["ar"], commune.province.region.name["ar"]):
        assert fact in html
    assert label.edition.name["ar"] in html
    assert label.valid_until.isoformat() in html


@pytest.mark.parametrize(
    "typed", ["الحسيمه", "الحُسَيمة", "حسيمة", "al hoceima", "AL-HOCEIMA", "Hoceïma"]
)
def test_the_registry_finds_a_commune_however_its_name_is_spelled(client: Client, typed):
    labelled_commune()
    labelled_commune({"ar": "تطوان", "fr": "Tétouan"})
    assert commune_names(registry(client, q=typed)) == ["الحسيمة"]


def test_the_registry_filters_by_region_province_edition_and_status(client: Client):
    north, south = RegionFactory(code="R01"), RegionFactory(code="R09")
    old, new = EditionFactory(), EditionFactory()
    labelled_commune({"ar": "تطوان", "fr": "Tétouan"}, province=ProvinceFactory(region=north))
    agadir = ProvinceFactory(region=south)
    labelled_commune({"ar": "أكادير", "fr": "Agadir"}, province=agadir, edition=old)
    labelled_commune({"ar": "تيزنيت", "fr": "Tiznit"}, edition=new, status="expired")
    assert commune_names(registry(client, region="R01")) == ["تطوان"]
    assert commune_names(registry(client, province=agadir.code)) == ["أكادير"]
    assert commune_names(registry(client, edition=old.pk)) == ["أكادير"]
    assert commune_names(registry(client, status="expired")) == ["تيزنيت"]
    assert commune_names(registry(client, region="R09", q="agadir")) == ["أكادير"]


def test_an_unknown_filter_is_reported_and_left_out(client: Client):
    labelled_commune()
    response = registry(client, edition="999999", status="gold")
    html = text_of(response)
    assert commune_names(response) == ["الحسيمة"]
    assert 'role="alert"' in html
    assert response.context["form"].errors.keys() == {"edition", "status"}


def test_the_registry_pages_keep_the_filters_in_their_links(client: Client):
    for n in range(27):
        labelled_commune({"ar": f"جماعة الحسيمة {n:02d}", "fr": f"Hoceima {n:02d}"})
    response = registry(client, q="الحسيمه")
    assert len(response.context["page"]) == 25
    assert "q=%D8%A7%D9%84%D8%AD%D8%B3%D9%8A%D9%85%D9%87&amp;page=2" in text_of(response)
    assert len(registry(client, q="الحسيمه", page=2).context["page"]) == 2


@pytest.mark.parametrize("count", [1, 10])
def test_the_registry_costs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, count
):
    for n in range(count):
        labelled_commune({"ar": f"جماعة {n}", "fr": f"Commune {n}"})
    with django_assert_num_queries(
        3
    ):  # the labels (with commune, province, region, edition), inside the request's savepoint
        registry(client, q="جماعة")


# --- a commune's public page -----------------------------------------------------------


def commune_page(client: Client, commune):
    return client.get(reverse("portal:commune", args=[commune.code]))


def test_the_commune_page_shows_what_was_published(client: Client):
    commune = labelled_commune(score=76.0)
    response = commune_page(client, commune)
    html = text_of(response)
    assert response.status_code == 200
    view = response.context["view"]
    assert [row.value for row in view.score.principles] == [76.0] * 7
    assert [row.value for row in view.score.fields] == [76.0] * 5
    assert 'class="chart chart-radar"' in html or "chart-radar" in html
    assert "chart-bars" in html
    assert "ميزانية تشاركية مفتوحة" in html
    assert "منصة العرائض الرقمية" in html
    assert [h.snapshot.overall for h in view.history] == [76]
    assert reverse("accreditation:verify") in html


def test_the_commune_page_shows_the_action_plans_progress(client: Client):
    commune = labelled_commune()
    dossier = DossierFactory(
        commune=commune, state="action_plan", results_published_at=timezone.now()
    )
    score_snapshot(dossier, "final", 55.0)
    plan = ActionPlan.objects.create(
        dossier=dossier,
        overall_objective="تحسين الحكامة",
        starts_on=date(2026, 1, 1),
        ends_on=date(2026, 12, 31),
        opened_by=UserFactory(),
    )
    for status, done in (("done", 100), ("in_progress", 50)):
        Activity.objects.create(
            plan=plan,
            title="ورشة",
            starts_on=date(2026, 1, 1),
            ends_on=date(2026, 2, 1),
            responsible="الكاتب العام",
            status=status,
            percent_done=done,
        )
    view = commune_page(client, commune).context["view"]
    assert (view.plan.achievement.rate, view.plan.done, view.plan.total) == (75, 1, 2)
    assert len(view.history) == 2


def test_a_commune_with_nothing_public_has_a_page_that_says_so(client: Client):
    commune = CommuneFactory()
    response = commune_page(client, commune)
    assert response.status_code == 200
    assert response.context["view"].is_empty is True
    assert "chart-radar" not in text_of(response)


def test_an_unknown_commune_code_is_404(client: Client):
    assert client.get(reverse("portal:commune", args=["NOPE-0000"])).status_code == 404


def add_to_commune(commune, n: int) -> None:
    """n more editions of the commune, each with a label, a score, a strength and a practice."""
    for _ in range(n):
        dossier = DossierFactory(
            commune=commune, state="labelled", results_published_at=timezone.now()
        )
        score_snapshot(dossier, "final", 70.0)
        score_snapshot(dossier, "updated", 80.0)
        principle = dossier.edition.referential.principles.first()
        DiagnosisPoint.objects.create(
            dossier=dossier, principle=principle, kind="strength", text="قوة"
        )
        GoodPracticeFactory(dossier=dossier, may_publish=True)
        label_for(dossier)


@pytest.mark.parametrize("count", [1, 10])
def test_the_commune_page_costs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, count
):
    commune = CommuneFactory()
    add_to_commune(commune, count)
    # commune, labels, snapshots, principles, fields, practices, strengths, activities,
    # and the request's savepoint and its release
    with django_assert_num_queries(10):
        commune_page(client, commune)


# --- the good-practice library ---------------------------------------------------------


def practices(client: Client, **params):
    return client.get(reverse("portal:practices"), params)


def titles(response) -> list[str]:
    return [practice.title for practice in response.context["page"]]


def test_the_library_filters_by_principle_region_and_words(client: Client):
    north = RegionFactory(code="R01")
    tetouan = labelled_commune(
        {"ar": "تطوان", "fr": "Tétouan"}, province=ProvinceFactory(region=north)
    )
    dossier = tetouan.dossiers.get()
    innovation = dossier.edition.referential.principles.get(code="INNOV")
    GoodPracticeFactory(
        dossier=dossier,
        principle=innovation,
        title="شباك رقمي",
        description="خدمات عن بعد",
        may_publish=True,
    )
    labelled_commune()
    assert titles(practices(client, principle="INNOV")) == ["شباك رقمي"]
    assert sorted(titles(practices(client, region="R01"))) == ["شباك رقمي", "منصة العرائض الرقمية"]
    assert titles(practices(client, q="خدمات عن بعد")) == ["شباك رقمي"]
    assert len(titles(practices(client, q="tetouan"))) == 2
    html = text_of(practices(client, q="شباك"))
    assert reverse("portal:commune", args=[tetouan.code]) in html


@pytest.mark.parametrize("count", [1, 10])
def test_the_library_costs_a_fixed_number_of_queries(
    client: Client, django_assert_num_queries, count
):
    commune = CommuneFactory()
    add_to_commune(commune, count)
    with django_assert_num_queries(6):  # principles, fields, regions, practices; the savepoint
        practices(client, q="ممارسة")


# --- nothing unpublished, ever ---------------------------------------------------------

SECRETS = (
    "ممارسة سرية غير منشورة",
    "قوة من ملف غير منشور",
    "Commune-Brouillon",
    "جماعة المسودة",
)
SECRET_SCORES = ("17.7", "17,7", "23.4", "23,4", "31.9", "31,9")


def seed_what_could_leak(commune) -> None:
    """Declared and provisional scores, an unpublished dossier, a practice kept private,
    and a commune whose dossier is only a draft."""
    labelled = commune.dossiers.get()
    score_snapshot(labelled, "provisional", 17.7)
    GoodPracticeFactory(dossier=labelled, title=SECRETS[0], may_publish=False)
    hidden = DossierFactory(commune=commune, state="verified")  # not published
    score_snapshot(hidden, "final", 23.4)
    DiagnosisPoint.objects.create(
        dossier=hidden,
        principle=hidden.edition.referential.principles.first(),
        kind="strength",
        text=SECRETS[1],
    )
    GoodPracticeFactory(dossier=hidden, title="ممارسة مشروعة", may_publish=True)
    draft = DossierFactory(
        commune=CommuneFactory(name={"ar": SECRETS[3], "fr": SECRETS[2]}), state="draft"
    )
    GoodPracticeFactory(dossier=draft, title="ممارسة مسودة", may_publish=True)
    score_snapshot(draft, "provisional", 31.9)


def test_nothing_unpublished_reaches_any_portal_page(client: Client):
    commune = labelled_commune(score=76.0)
    seed_what_could_leak(commune)
    coordination_member()
    pages = [
        reverse("portal:home"),
        reverse("portal:registry"),
        reverse("portal:registry") + "?q=المسوده",  # the draft commune, spelled differently
        reverse("portal:commune", args=[commune.code]),
        reverse("portal:practices"),
        reverse("portal:practices") + "?q=ممارسة",
    ]
    for url in pages:
        body = client.get(url).content
        for secret in (*SECRETS, "ممارسة مسودة"):
            assert secret.encode() not in body, (url, secret)
        for figure in SECRET_SCORES:
            assert not re.search(rf"(?<![\d.,]){re.escape(figure)}".encode(), body), (url, figure)
