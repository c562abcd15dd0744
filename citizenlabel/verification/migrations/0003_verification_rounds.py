"""Re-verification becomes a verification round: every VerifiedAnswer so far was found on the
visit; every actionplans.ReverifiedAnswer (and its history) is copied into VerifiedAnswer with
round=reverification, keeping its values, reason, status, author, date and version. The
actionplans migration that follows removes ReverifiedAnswer."""

from django.conf import settings
from django.db import migrations, models

FIELDS = ["dossier_id", "question_id", "evidence_status", "options", "reason", "version"]
FIELDS += ["verified_by_id", "verified_at"]
HISTORY = ["history_date", "history_change_reason", "history_type", "history_user_id"]


def _copy(rows, target, extra: dict) -> dict[int, int]:
    """Copy each row into the model `target`; {row pk: copy pk}. verified_at is auto_now:
    set back by update(), which leaves it as given."""
    ids = {}
    for row in rows.order_by("pk"):
        copy = target.objects.create(**{f: getattr(row, f) for f in FIELDS}, **extra)
        target.objects.filter(pk=copy.pk).update(verified_at=row.verified_at)
        ids[row.pk] = copy.pk
    return ids


def _copy_history(rows, target, ids: dict[int, int], extra: dict) -> None:
    """Every version of the copied rows, in order, attached to their copies."""
    target.objects.bulk_create(
        target(id=ids[row.id], **{f: getattr(row, f) for f in FIELDS + HISTORY}, **extra)
        for row in rows.order_by("history_date", "history_id")
        if row.id in ids  # the history of a row deleted since has nothing to attach to
    )


def reverifications_into_rounds(apps, schema_editor):
    extra = {"round": "reverification"}
    ids = _copy(
        apps.get_model("actionplans", "ReverifiedAnswer").objects.all(),
        apps.get_model("verification", "VerifiedAnswer"),
        extra,
    )
    _copy_history(
        apps.get_model("actionplans", "HistoricalReverifiedAnswer").objects.all(),
        apps.get_model("verification", "HistoricalVerifiedAnswer"),
        ids,
        extra,
    )


def rounds_into_reverifications(apps, schema_editor):
    rows = apps.get_model("verification", "VerifiedAnswer").objects.filter(round="reverification")
    history = apps.get_model("verification", "HistoricalVerifiedAnswer").objects.filter(
        round="reverification"
    )
    ids = _copy(rows, apps.get_model("actionplans", "ReverifiedAnswer"), {})
    _copy_history(history, apps.get_model("actionplans", "HistoricalReverifiedAnswer"), ids, {})
    history.delete()
    rows.delete()


class Migration(migrations.Migration):

    dependencies = [
        ('dossiers', '0005_edition_chair_casting_vote_and_more'),
        ('referential', '0003_lcc_2022_exclusive_options'),
        ('verification', '0002_could_not_be_verified'),
        ('actionplans', '0002_reverification_could_not_be_verified'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='verifiedanswer',
            name='one_verification_per_answer',
        ),
        migrations.AddField(
            model_name='historicalverifiedanswer',
            name='round',
            field=models.CharField(choices=[('visit', 'Verification visit'), ('reverification', 'Re-verification')], default='visit', max_length=14, verbose_name='verification round'),
        ),
        migrations.AddField(
            model_name='verifiedanswer',
            name='round',
            field=models.CharField(choices=[('visit', 'Verification visit'), ('reverification', 'Re-verification')], default='visit', max_length=14, verbose_name='verification round'),
        ),
        migrations.AddConstraint(
            model_name='verifiedanswer',
            constraint=models.UniqueConstraint(fields=('dossier', 'question', 'round'), name='one_verification_per_round'),
        ),
        migrations.RunPython(reverifications_into_rounds, rounds_into_reverifications),
    ]
