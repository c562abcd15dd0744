"""Mark the "none" options of the default referential (LCC 2022) exclusive in databases that
loaded it before exclusive options existed.

The flag changes no points (every one of these options gives 0): it only refuses answers
that contradict themselves, so it is set even on a referential an edition has locked.
The codes are written here, not read from lcc-2022.yaml, so that the migration does the
same thing whenever it runs."""

from django.db import migrations

REFERENTIAL = ("LCC", "2022")
# Question code -> its "none" option, e.g. 2.2.4 a "no publication".
NONE_OPTIONS = {
    "1.1.2": "a",
    "1.2.4": "a",
    "2.2.4": "a",
    "2.5.3": "a",
    "3.2.3": "a",
    "3.3.3": "a",
    "4.2.1": "a",
    "4.4.2": "a",
}


def _none_options(apps):
    Option = apps.get_model("referential", "Option")
    code, version = REFERENTIAL
    options = Option.objects.filter(
        question__referential__code=code,
        question__referential__version=version,
        question__kind="multiple",
        question__code__in=NONE_OPTIONS,
        not_applicable=False,
        points=0,
    ).select_related("question")
    return [o.pk for o in options if NONE_OPTIONS[o.question.code] == o.code]


def mark_exclusive(apps, schema_editor) -> None:
    Option = apps.get_model("referential", "Option")
    Option.objects.filter(pk__in=_none_options(apps)).update(exclusive=True)


def unmark_exclusive(apps, schema_editor) -> None:
    Option = apps.get_model("referential", "Option")
    Option.objects.filter(pk__in=_none_options(apps)).update(exclusive=False)


class Migration(migrations.Migration):
    dependencies = [("referential", "0002_option_exclusive")]

    operations = [migrations.RunPython(mark_exclusive, unmark_exclusive)]
