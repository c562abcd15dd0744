"""Ship Morocco's 12 regions and 75 provinces and prefectures as data (data/regions.yaml)."""

from django.db import migrations


def load(apps, schema_editor):
    from citizenlabel.territory.services import load_regions_and_provinces

    load_regions_and_provinces(apps.get_model("territory", "Region"), apps.get_model("territory", "Province"))


class Migration(migrations.Migration):
    dependencies = [("territory", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
