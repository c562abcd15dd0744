"""The layers of the README's architecture, as `lint-imports` checks them in `make test`: the
project keeps its contracts, and a copy of it with one import against them fails."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def lint_imports(project: Path) -> subprocess.CompletedProcess:
    """`lint-imports` run in `project`, whose own `citizenlabel` is the one analysed."""
    return subprocess.run(
        [LINT_IMPORTS, "--no-cache", "--no-logo"],
        cwd=project,
        env={"PYTHONPATH": str(project), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the project's Python code and its import contracts."""
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    shutil.copytree(
        ROOT / "citizenlabel",
        tmp_path / "citizenlabel",
        ignore=lambda folder, names: [n for n in names if n in ("static", "locale", "templates")],
    )
    return tmp_path


def test_the_project_keeps_its_contracts(project: Path):
    result = lint_imports(project)
    assert result.returncode == 0, result.stdout
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.mark.parametrize(
    ("module", "back_import", "broken"),
    [
        (
            "common/fields.py",
            "from citizenlabel.referential import models",
            "citizenlabel.common is not allowed to import citizenlabel.referential",
        ),
        (
            "dossiers/views/dossiers.py",
            "from citizenlabel.actionplans import selectors_evaluation",
            "citizenlabel.dossiers is not allowed to import citizenlabel.actionplans",
        ),
        (
            "verification/views/results.py",
            "from citizenlabel.reports import views",
            "citizenlabel.verification is not allowed to import citizenlabel.reports",
        ),
        (
            "urls.py",
            "from citizenlabel.demo import setup",
            "citizenlabel.urls is not allowed to import citizenlabel.demo",
        ),
    ],
)
def test_an_import_against_the_layers_fails(project: Path, module, back_import, broken):
    with (project / "citizenlabel" / module).open("a") as source:
        source.write(f"\n{back_import}  # noqa\n")
    result = lint_imports(project)
    assert result.returncode == 1
    assert "Contracts: 1 kept, 1 broken." in result.stdout
    assert broken in " ".join(result.stdout.split())
