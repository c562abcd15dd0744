"""Good practices (استمارة الممارسات الجيدة): as many as the commune wants, each with its
evidence files, editable while the self-assessment is open."""

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from citizenlabel.referential.models import Field, Principle

from .. import rules as dossier_rules
from ..models import Dossier, DossierFile, GoodPractice
from .files import CheckedUpload, check_upload, store_file
from .selfassessment import closed_message


class StalePractice(Exception):
    """Someone saved the practice after the form was loaded; nothing was written."""

    def __init__(self, current: GoodPractice):
        self.current = current
        super().__init__(f"good practice {current.pk} changed since the form was loaded")


def practice_version(practice: GoodPractice) -> str:
    return practice.updated_at.isoformat() if practice.pk else ""


def practice_problems(values: Mapping[str, Any]) -> dict[str, str]:
    """{field name: message}: the period must not end before it starts."""
    started, ended = values.get("started_on"), values.get("ended_on")
    if isinstance(started, date) and isinstance(ended, date) and ended < started:
        message = _("The end (%(end)s) cannot be before the start (%(start)s).")
        return {"ended_on": message % {"end": date_format(ended), "start": date_format(started)}}
    return {}


def check_uploads(uploads: list[UploadedFile]) -> list[CheckedUpload]:
    """Every upload checked before anything is stored; all their problems at once."""
    checked, problems = [], []
    for upload in uploads:
        try:
            checked.append(check_upload(upload))
        except ValidationError as error:
            problems += error.messages
    if problems:
        raise ValidationError(problems)
    return checked


def _require_editable(by, dossier: Dossier) -> None:
    if not dossier_rules.can_edit_self_assessment(by, dossier):
        raise PermissionDenied(closed_message())


def _validate(practice: GoodPractice, dossier: Dossier) -> None:
    practice.full_clean()
    principles = Principle.objects.filter(referential_id=dossier.edition.referential_id)
    if not principles.filter(pk=practice.principle_id).exists():
        raise ValidationError(
            {"principle": _("This principle is not one of this edition's referential.")}
        )
    fields = Field.objects.filter(referential_id=dossier.edition.referential_id)
    if practice.field_id and not fields.filter(pk=practice.field_id).exists():
        raise ValidationError({"field": _("This field is not one of this edition's referential.")})
    if problems := practice_problems(vars(practice)):
        raise ValidationError(problems)


@transaction.atomic
def save_good_practice(
    *,
    dossier: Dossier,
    practice: GoodPractice,
    uploads: list[UploadedFile],
    by,
    seen_version: str | None = None,
    pending: Iterable[DossierFile] = (),
) -> GoodPractice:
    """Save a new or changed practice and attach its new files, all or nothing.

    `seen_version` is `practice_version()` of what the form showed; None skips the check.
    `pending` are files kept by `keep_practice_uploads` when the form came back with an error."""
    _require_editable(by, dossier)
    if practice.pk is not None:
        current = GoodPractice.objects.select_for_update().filter(pk=practice.pk).first()
        if current is None or current.dossier_id != dossier.pk:
            raise PermissionDenied
        if seen_version is not None and seen_version != practice_version(current):
            raise StalePractice(current)
    else:
        practice.created_by = by
    practice.dossier = dossier
    _validate(practice, dossier)
    checked = check_uploads(uploads)
    practice.save()
    for upload in checked:
        store_file(
            dossier=dossier,
            checked=upload,
            purpose=DossierFile.Purpose.PRACTICE,
            good_practice=practice,
            by=by,
        )
    DossierFile.objects.filter(  # checked again: a forged id attaches nothing
        pk__in=[stored.pk for stored in pending],
        dossier=dossier,
        purpose=DossierFile.Purpose.PRACTICE,
        good_practice__isnull=True,
        uploaded_by=by,
    ).update(good_practice=practice)
    return practice


@transaction.atomic
def keep_practice_uploads(
    *, dossier: Dossier, uploads: list[UploadedFile], by
) -> list[DossierFile]:
    """Store the files of a practice form that came back with an error, attached to no
    practice yet, so that the user does not have to choose them again."""
    _require_editable(by, dossier)
    return [
        store_file(dossier=dossier, checked=checked, purpose=DossierFile.Purpose.PRACTICE, by=by)
        for checked in check_uploads(uploads)
    ]


def _delete_stored_after_commit(files: list) -> None:
    """Remove files from storage only once their rows are gone for good."""
    transaction.on_commit(lambda: [stored.delete(save=False) for stored in files])


@transaction.atomic
def delete_good_practice(*, practice: GoodPractice, by) -> None:
    """Delete the practice and its files."""
    _require_editable(by, practice.dossier)
    files = [stored.file for stored in practice.files.all()]
    practice.delete()
    _delete_stored_after_commit(files)


@transaction.atomic
def remove_practice_file(*, stored: DossierFile, by) -> None:
    """Withdraw one file of a practice."""
    if stored.purpose != DossierFile.Purpose.PRACTICE or stored.good_practice_id is None:
        raise PermissionDenied
    _require_editable(by, stored.dossier)
    file = stored.file
    stored.delete()
    _delete_stored_after_commit([file])
