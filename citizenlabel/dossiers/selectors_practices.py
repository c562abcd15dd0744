"""Reads of the good-practice form that depend on who asks."""

from collections.abc import Iterable

from .models import Dossier, DossierFile


def pending_practice_files(*, dossier: Dossier, by, ids: Iterable[str]) -> list[DossierFile]:
    """Files this user sent with a practice form that came back with an error: stored, not yet
    attached to a practice. Someone else's, another dossier's or attached ones are ignored."""
    wanted = [int(pk) for pk in ids if str(pk).isdigit()]
    if not wanted:
        return []
    return list(
        DossierFile.objects.filter(
            pk__in=wanted,
            dossier=dossier,
            purpose=DossierFile.Purpose.PRACTICE,
            good_practice__isnull=True,
            uploaded_by=by,
        )
    )
