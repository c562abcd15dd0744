"""The good practices' pages: the list, the form with its files, for every role."""

import re

import pytest
from django.urls import reverse

from citizenlabel.dossiers.models import DossierFile, GoodPractice
from tests.factories import (
    GoodPracticeFactory,
    commune_people,
    dossier_in_self_assessment,
    pdf,
    practice_file,
    president_of_another_commune,
)
from tests.factories.dossiers import (
    NOT_ACCEPTED,
    NOT_EDITORS,
    NOT_EDITORS_IDS,
    foreign_principle,
    practices_snapshot,
    text_file,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english_pages")]


# --- the pages -----------------------------------------------------------------------


def list_url(dossier) -> str:
    return reverse("dossiers:practices", args=[dossier.pk])


def new_url(dossier) -> str:
    return reverse("dossiers:practice_new", args=[dossier.pk])


def edit_url(practice) -> str:
    return reverse("dossiers:practice_edit", args=[practice.dossier_id, practice.pk])


def delete_url(practice) -> str:
    return reverse("dossiers:practice_delete", args=[practice.dossier_id, practice.pk])


def file_delete_url(stored) -> str:
    args = [stored.dossier_id, stored.good_practice_id, stored.pk]
    return reverse("dossiers:practice_file_delete", args=args)


def practice_post(dossier, **changes) -> dict:
    data = {
        "title": "الميزانية التشاركية",
        "principle": str(dossier.edition.referential.principles.first().pk),
        "description": "إشراك الجمعيات.",
        "results": "ثلاثة مشاريع.",
        "partners": "جمعية الحي",
        "started_on": "2024-03-01",
        "ended_on": "",
        "may_publish": "on",
        "files": [pdf("report.pdf")],
    }
    return data | changes


@pytest.mark.parametrize("role", [0, 1], ids=["focal point", "president"])
def test_the_commune_adds_a_practice_with_a_file(client, dossier, role):
    user = commune_people(dossier)[role]
    client.force_login(user)
    response = client.post(new_url(dossier), practice_post(dossier), follow=True)
    assert response.redirect_chain == [(list_url(dossier), 302)]
    assert [str(m) for m in response.context["messages"]] == [
        "The good practice “الميزانية التشاركية” was saved."
    ]
    practice = GoodPractice.objects.get(dossier=dossier)
    assert (practice.may_publish, practice.created_by, practice.partners) == (
        True,
        user,
        "جمعية الحي",
    )
    assert list(practice.files.values_list("original_name", flat=True)) == ["report.pdf"]
    assert "الميزانية التشاركية" in response.content.decode()


def test_the_focal_point_sees_the_add_button_and_the_forms(client, dossier, focal_point):
    practice = GoodPracticeFactory(dossier=dossier)
    practice_file(practice)
    client.force_login(focal_point)
    html = client.get(list_url(dossier)).content.decode()
    assert f'href="{new_url(dossier)}"' in html
    response = client.get(edit_url(practice))
    html = response.content.decode()
    assert response.templates[0].name == "dossiers/practices/practice_form.html"
    assert (
        f'action="{delete_url(practice)}"' in html,
        'enctype="multipart/form-data"' in html,
    ) == (
        True,
        True,
    )


def test_the_focal_point_edits_a_practice(client, dossier, focal_point):
    practice = GoodPracticeFactory(dossier=dossier)
    client.force_login(focal_point)
    data = practice_post(dossier, title="عنوان معدل", files=[])
    assert client.post(edit_url(practice), data).status_code == 302
    practice.refresh_from_db()
    assert (practice.title, practice.files.count()) == ("عنوان معدل", 0)


def test_the_focal_point_deletes_a_practice_and_a_file(client, dossier, focal_point):
    kept, gone = GoodPracticeFactory(dossier=dossier), GoodPracticeFactory(dossier=dossier)
    stored = practice_file(kept)
    practice_file(gone)
    client.force_login(focal_point)
    assert client.post(file_delete_url(stored)).url == edit_url(kept)
    assert client.post(delete_url(gone)).url == list_url(dossier)
    assert practices_snapshot(dossier)[1] == []
    assert list(GoodPractice.objects.filter(dossier=dossier).values_list("pk", flat=True)) == [
        kept.pk
    ]


def test_a_president_of_another_commune_gets_404_everywhere_and_changes_nothing(client, dossier):
    practice = GoodPracticeFactory(dossier=dossier)
    stored = practice_file(practice)
    before = practices_snapshot(dossier)
    client.force_login(president_of_another_commune(dossier))
    for url in (list_url(dossier), new_url(dossier), edit_url(practice)):
        assert client.get(url).status_code == 404
    for url in (new_url(dossier), edit_url(practice)):
        assert client.post(url, practice_post(dossier, title="مزور")).status_code == 404
    for url in (delete_url(practice), file_delete_url(stored)):
        assert client.post(url).status_code == 404
    assert practices_snapshot(dossier) == before


@pytest.mark.parametrize(
    "who", NOT_EDITORS[:1] + NOT_EDITORS[2:], ids=NOT_EDITORS_IDS[:1] + NOT_EDITORS_IDS[2:]
)
def test_those_who_may_not_edit_read_and_a_post_changes_nothing(client, dossier, who):
    practice = GoodPracticeFactory(dossier=dossier, partners="جمعية الأمل")
    stored = practice_file(practice)
    before = practices_snapshot(dossier)
    client.force_login(who(dossier))
    html = client.get(list_url(dossier)).content.decode()
    assert (practice.title in html, f'href="{new_url(dossier)}"' in html) == (True, False)
    response = client.get(edit_url(practice))
    html = response.content.decode()
    assert response.templates[0].name == "dossiers/practices/practice_detail.html"
    assert ("جمعية الأمل" in html, 'method="post" action="' in html) == (True, False)
    assert client.get(new_url(dossier)).status_code == 403
    for url in (new_url(dossier), edit_url(practice)):
        assert client.post(url, practice_post(dossier, title="مزور")).status_code == 403
    for url in (delete_url(practice), file_delete_url(stored)):
        assert client.post(url).status_code == 403
    assert practices_snapshot(dossier) == before


def test_a_practice_or_a_file_of_another_dossier_is_not_found(client, dossier, focal_point):
    foreign = GoodPracticeFactory(dossier=dossier_in_self_assessment())
    foreign_file = practice_file(foreign)
    own = GoodPracticeFactory(dossier=dossier)
    client.force_login(focal_point)
    assert (
        client.get(reverse("dossiers:practice_edit", args=[dossier.pk, foreign.pk])).status_code
        == 404
    )
    forged = reverse("dossiers:practice_file_delete", args=[dossier.pk, own.pk, foreign_file.pk])
    assert client.post(forged).status_code == 404
    assert DossierFile.objects.filter(pk=foreign_file.pk).exists()


FORM_ERRORS = {
    "an end before the start": (
        {"started_on": "2024-05-01", "ended_on": "2024-04-30"},
        "ended_on",
        ("End", "The end (April 30, 2024) cannot be before the start (May 1, 2024)."),
    ),
    "a forged principle": (
        {"principle": "foreign"},
        "principle",
        ("Principle", "Select a valid choice. That choice is not one of the available choices."),
    ),
    "a wrong file type": (
        {"files": [pdf("report.pdf"), text_file()]},
        "files",
        ("Evidence files", NOT_ACCEPTED),
    ),
    "no title": ({"title": ""}, "title", ("Title", "This field is required.")),
    "no principle": ({"principle": ""}, "principle", ("Principle", "This field is required.")),
}


@pytest.mark.parametrize("case", FORM_ERRORS, ids=list(FORM_ERRORS))
def test_each_mistake_is_shown_at_the_top_and_by_its_field_and_only_good_files_are_kept(
    client, dossier, focal_point, settings, case
):
    changes, name, expected = FORM_ERRORS[case]
    if changes.get("principle") == "foreign":
        changes = {"principle": str(foreign_principle().pk)}
    client.force_login(focal_point)
    response = client.post(new_url(dossier), practice_post(dossier, **changes))
    html = response.content.decode()
    assert [(item.label, item.message) for item in response.context["summary"]] == [expected]
    error_id = f"{response.context['form'][name].auto_id}_error"
    assert re.search(rf'aria-describedby="[^"]*\b{error_id}"', html)
    assert f'id="{error_id}"' in html
    practices, files = practices_snapshot(dossier)
    kept = [] if name == "files" else [("report.pdf", None)]  # pending, attached to nothing
    assert (practices, [(f["original_name"], f["good_practice_id"]) for f in files]) == ([], kept)
    assert [(f.original_name, None) for f in response.context["pending_files"]] == kept
    assert list(settings.MEDIA_ROOT.rglob("*.*")) == []


@pytest.mark.parametrize("count", [1, 10])
def test_the_list_costs_the_same_queries_whatever_the_number_of_practices(
    client, dossier, focal_point, count, django_assert_max_num_queries
):
    for practice in GoodPracticeFactory.create_batch(count, dossier=dossier):
        practice_file(practice)
    client.force_login(focal_point)
    with django_assert_max_num_queries(10):
        response = client.get(list_url(dossier))
    assert len(response.context["practices"]) == count


@pytest.mark.parametrize("count", [1, 10])
def test_a_practice_page_costs_the_same_queries_whatever_its_files(
    client, dossier, focal_point, count, django_assert_max_num_queries
):
    practice = GoodPracticeFactory(dossier=dossier)
    for n in range(count):
        practice_file(practice, name=f"{n}.pdf")
    client.force_login(focal_point)
    with django_assert_max_num_queries(11):
        assert client.get(edit_url(practice)).status_code == 200


def test_files_kept_after_an_error_are_attached_when_the_practice_is_saved(
    client, dossier, focal_point
):
    client.force_login(focal_point)
    refused = client.post(new_url(dossier), practice_post(dossier, title=""))
    kept = refused.context["pending_files"]
    assert 'name="pending_files"' in refused.content.decode()
    fixed = practice_post(dossier, files=[], pending_files=[str(f.pk) for f in kept])
    assert client.post(new_url(dossier), fixed).status_code == 302
    practice = GoodPractice.objects.get(dossier=dossier)
    assert [f.original_name for f in practice.files.all()] == ["report.pdf"]
    assert DossierFile.objects.filter(dossier=dossier).count() == 1


def test_someone_elses_kept_file_cannot_be_attached(client, dossier, focal_point):
    president = commune_people(dossier)[1]
    client.force_login(president)
    theirs = client.post(new_url(dossier), practice_post(dossier, title="")).context[
        "pending_files"
    ]
    client.force_login(focal_point)
    forged = practice_post(dossier, files=[], pending_files=[str(f.pk) for f in theirs])
    assert client.post(new_url(dossier), forged).status_code == 302
    assert list(GoodPractice.objects.get(dossier=dossier).files.all()) == []
    assert DossierFile.objects.get().good_practice_id is None
