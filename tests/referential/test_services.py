import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from citizenlabel.common.problems import InvalidInput
from citizenlabel.demo.base import DEFAULT_REFERENTIAL_FILE
from citizenlabel.referential.models import Option, Question, Referential
from citizenlabel.referential.parsing import parse_referential_yaml, read_referential
from citizenlabel.referential.selectors import referential_spec
from citizenlabel.referential.services import load_referential, lock_referential
from tests.referential.samples import SCORING_YAML

pytestmark = pytest.mark.django_db


def test_a_stored_referential_reads_back_to_the_same_spec():
    spec = read_referential(DEFAULT_REFERENTIAL_FILE)
    referential = load_referential(spec=spec)
    assert referential_spec(referential) == spec
    assert Question.objects.filter(referential=referential).count() == spec.question_count()


def test_a_loaded_version_is_replaced_only_on_request():
    spec = parse_referential_yaml(SCORING_YAML)
    first = load_referential(spec=spec)
    with pytest.raises(InvalidInput):
        load_referential(spec=spec)
    second = load_referential(spec=spec, replace=True)
    assert Referential.objects.get().pk == second.pk != first.pk


def test_a_locked_referential_can_only_be_superseded():
    spec = parse_referential_yaml(SCORING_YAML)
    referential = lock_referential(referential=load_referential(spec=spec))
    options_before = list(Option.objects.values_list("pk", "points"))
    with translation.override("en"), pytest.raises(InvalidInput) as error:
        load_referential(spec=spec, replace=True)
    assert "edition" in str(error.value)
    assert list(Option.objects.values_list("pk", "points")) == options_before
    assert Referential.objects.get().locked_at == referential.locked_at


def test_load_command_writes_nothing_when_the_file_is_wrong(tmp_path, capsys):
    broken = SCORING_YAML.replace("points: 2", "pionts: 2", 1)
    path = tmp_path / "broken.yaml"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("load_referential", str(path), "--lang", "fr")
    assert "broken.yaml:" in capsys.readouterr().err
    assert Referential.objects.count() == Question.objects.count() == 0


def test_load_command_dry_run_validates_without_writing(capsys):
    call_command("load_referential", str(DEFAULT_REFERENTIAL_FILE), "--dry-run", "--lang", "fr")
    assert "LCC 2022" in capsys.readouterr().out
    assert Referential.objects.count() == 0


@pytest.mark.parametrize("fmt", ["yaml", "xlsx"])
def test_export_then_load_gives_back_the_same_referential(tmp_path, fmt):
    call_command("load_referential", str(DEFAULT_REFERENTIAL_FILE))
    original = referential_spec(Referential.objects.get())
    out = tmp_path / f"lcc.{fmt}"
    call_command("export_referential", "LCC", "2022", "--format", fmt, "-o", str(out))
    Referential.objects.all().delete()
    call_command("load_referential", str(out))
    assert referential_spec(Referential.objects.get()) == original


def test_export_of_an_unknown_version_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="LCC"):
        call_command("export_referential", "LCC", "1999", "-o", str(tmp_path / "x.yaml"))


def test_list_shows_one_line_per_referential(capsys):
    call_command("load_referential", str(DEFAULT_REFERENTIAL_FILE))
    spec = read_referential(DEFAULT_REFERENTIAL_FILE)
    capsys.readouterr()
    call_command("list_referentials", "--lang", "fr")
    [line] = capsys.readouterr().out.strip().splitlines()
    assert line.split("\t")[:5] == [
        "LCC",
        "2022",
        "7 principes",
        "5 domaines",
        f"{spec.question_count()} questions",
    ]
