"""ReverifiedAnswer is gone: its rows and their history were copied into
verification.VerifiedAnswer with round=reverification by verification 0003, which this
migration waits for (and which, migrated back, copies them here again)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('actionplans', '0002_reverification_could_not_be_verified'),
        ('verification', '0003_verification_rounds'),
    ]

    operations = [
        migrations.DeleteModel(
            name='HistoricalReverifiedAnswer',
        ),
        migrations.DeleteModel(
            name='ReverifiedAnswer',
        ),
    ]
