import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation
from django.utils.formats import date_format

from citizenlabel.dossiers.models import DossierFile, GoodPractice
from citizenlabel.dossiers.services.practices import (
    StalePractice,
    delete_good_practice,
    practice_version,
    remove_practice_file,
    save_good_practice,
)
from citizenlabel.dossiers.services.selfassessment import closed_message
from tests.factories import (
    PDF_BYTES,
    GoodPracticeFactory,
    commune_people,
    dossier_in_self_assessment,
    pdf,
    practice_file,
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


def new_practice(dossier, **fields) -> GoodPractice:
    values = {
        "title": "الميزانية التشاركية",
        "principle": dossier.edition.referential.principles.first(),
        "description": "إشراك الجمعيات في اختيار المشاريع.",
        "results": "ثلاثة مشاريع منجزة.",
        "started_on": datetime.date(2024, 3, 1),
    }
    return GoodPractice(**(values | fields))


# --- the services --------------------------------------------------------------------


def test_it_saves_a_practice_with_its_files(dossier, focal_point):
    practice = save_good_practice(
        dossier=dossier,
        practice=new_practice(dossier),
        uploads=[pdf("report.pdf"), pdf("b.pdf")],
        by=focal_point,
    )
    assert (practice.dossier, practice.created_by) == (dossier, focal_point)
    files = practice.files.order_by("pk")
    assert [(f.purpose, f.original_name, f.content_type) for f in files] == [
        ("practice", "report.pdf", "application/pdf"),
        ("practice", "b.pdf", "application/pdf"),
    ]
    assert files[0].file.read() == PDF_BYTES


def test_the_president_edits_and_adds_files_keeping_the_author(dossier, focal_point):
    practice = GoodPracticeFactory(dossier=dossier, created_by=focal_point)
    president = commune_people(dossier)[1]
    practice.title = "عنوان جديد"
    save_good_practice(
        dossier=dossier, practice=practice, uploads=[pdf("report.pdf")], by=president
    )
    practice.refresh_from_db()
    assert (practice.title, practice.created_by, practice.files.count()) == (
        "عنوان جديد",
        focal_point,
        1,
    )


@pytest.mark.parametrize("who", NOT_EDITORS, ids=NOT_EDITORS_IDS)
def test_only_the_commune_writes_while_the_self_assessment_is_open(dossier, who):
    practice = GoodPracticeFactory(dossier=dossier)
    stored = practice_file(practice)
    user, before = who(dossier), practices_snapshot(dossier)
    calls = [
        lambda: save_good_practice(
            dossier=dossier, practice=new_practice(dossier), uploads=[pdf("report.pdf")], by=user
        ),
        lambda: delete_good_practice(practice=practice, by=user),
        lambda: remove_practice_file(stored=stored, by=user),
    ]
    for call in calls:
        with pytest.raises(PermissionDenied) as refused:
            call()
        assert str(refused.value) == closed_message()
    assert practices_snapshot(dossier) == before


def _invalid_cases():
    start, end = datetime.date(2024, 5, 1), datetime.date(2024, 4, 30)
    period = f"The end ({date_format(end)}) cannot be before the start ({date_format(start)})."
    return {
        "a principle of another referential": (
            lambda dossier: {"practice": new_practice(dossier, principle=foreign_principle())},
            ["This principle is not one of this edition's referential."],
        ),
        "an end before the start": (
            lambda dossier: {"practice": new_practice(dossier, started_on=start, ended_on=end)},
            [period],
        ),
        "a file that is not a document": (
            lambda dossier: {"uploads": [pdf("report.pdf"), text_file()]},
            [NOT_ACCEPTED],
        ),
        "no title": (
            lambda dossier: {"practice": new_practice(dossier, title="")},
            ["This field cannot be blank."],
        ),
    }


@pytest.mark.parametrize("case", list(_invalid_cases()))
def test_an_invalid_practice_is_refused_with_its_message_and_nothing_is_written(
    dossier, focal_point, settings, case
):
    with translation.override("en"):
        change, expected = _invalid_cases()[case]
    args = {"practice": new_practice(dossier), "uploads": [pdf("report.pdf")]} | change(dossier)
    before = practices_snapshot(dossier)
    with pytest.raises(ValidationError) as refused:
        save_good_practice(dossier=dossier, **args, by=focal_point)
    assert refused.value.messages == expected
    assert practices_snapshot(dossier) == before
    assert list(settings.MEDIA_ROOT.rglob("*.*")) == []


def test_a_practice_of_another_dossier_is_refused(dossier, focal_point):
    foreign = GoodPracticeFactory(dossier=dossier_in_self_assessment())
    with pytest.raises(PermissionDenied):
        save_good_practice(dossier=dossier, practice=foreign, uploads=[], by=focal_point)
    assert GoodPractice.objects.get(pk=foreign.pk).dossier_id != dossier.pk


def test_a_save_over_someone_elses_is_refused(dossier, focal_point):
    practice = GoodPracticeFactory(dossier=dossier)
    seen = practice_version(practice)
    practice.title = "الأولى"
    save_good_practice(dossier=dossier, practice=practice, uploads=[], by=focal_point)
    stale = GoodPractice.objects.get(pk=practice.pk)
    stale.title = "الثانية"
    with pytest.raises(StalePractice):
        save_good_practice(
            dossier=dossier, practice=stale, uploads=[], by=focal_point, seen_version=seen
        )
    assert GoodPractice.objects.get(pk=practice.pk).title == "الأولى"


def test_deleting_a_practice_removes_its_files(
    dossier, focal_point, settings, django_capture_on_commit_callbacks
):
    practice = GoodPracticeFactory(dossier=dossier)
    practice_file(practice)
    with django_capture_on_commit_callbacks(execute=True):
        delete_good_practice(practice=practice, by=focal_point)
    assert practices_snapshot(dossier) == ([], [])
    assert [p for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == []


def test_removing_a_file_keeps_the_practice(
    dossier, focal_point, settings, django_capture_on_commit_callbacks
):
    practice = GoodPracticeFactory(dossier=dossier)
    kept, removed = practice_file(practice, name="kept.pdf"), practice_file(practice)
    with django_capture_on_commit_callbacks(execute=True):
        remove_practice_file(stored=removed, by=focal_point)
    assert list(practice.files.values_list("pk", flat=True)) == [kept.pk]
    assert [p.name for p in settings.MEDIA_ROOT.rglob("*") if p.is_file()] == [
        kept.file.name.rsplit("/", 1)[1]
    ]


def test_an_evidence_file_is_not_removed_as_a_practice_file(dossier, focal_point):
    practice = GoodPracticeFactory(dossier=dossier)
    evidence = practice_file(practice)
    DossierFile.objects.filter(pk=evidence.pk).update(purpose="evidence", good_practice=None)
    evidence.refresh_from_db()
    with pytest.raises(PermissionDenied):
        remove_practice_file(stored=evidence, by=focal_point)
    assert DossierFile.objects.filter(pk=evidence.pk).exists()
