"""Reading a referential file (YAML here, Excel through `excel.py`) and an answers file.

A YAML file is composed into PyYAML's node tree first: the data is built from that tree
and the tree gives every value its line, so a problem says `lcc.yaml:42 question "3.1.4"`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from django.utils.translation import gettext as _

from citizenlabel.common.problems import InvalidInput, Problem

from .excel import read_referential_xlsx
from .spec import ReferentialSpec
from .validation import DataPath, build_referential, shown

__all__ = ["build_referential", "parse_referential_yaml", "read_answers", "read_referential"]


def read_referential(path: Path) -> ReferentialSpec:
    """Read a referential file, choosing the format by the file's suffix."""
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return parse_referential_yaml(_read_text(path), source=path.name)
    if suffix == ".xlsx":
        return read_referential_xlsx(path)
    message = _("Unsupported file type %(suffix)s; use .yaml, .yml or .xlsx.")
    raise InvalidInput([Problem(path.name, message % {"suffix": suffix or '""'})])


def parse_referential_yaml(text: str, source: str = "<string>") -> ReferentialSpec:
    node, data = _compose_yaml(text, source)
    if node is None:
        raise InvalidInput([Problem(source, _("The file is empty."))])
    locator = YamlLocator(source, node, data)
    return build_referential(data, locator, locator.duplicate_keys)


# --- YAML ----------------------------------------------------------------------------


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")  # tolerate the BOM some editors add
    except (OSError, UnicodeDecodeError) as error:
        message = _("Cannot read the file: %(error)s")
        raise InvalidInput([Problem(path.name, message % {"error": error})]) from error


def _compose_yaml(text: str, source: str) -> tuple[yaml.Node | None, Any]:
    """The node tree (for line numbers) and the data built from that same tree."""
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        place = f"{source}:{mark.line + 1}" if mark else source
        problem = error.problem or error.context or str(error)
        message = _("YAML syntax error: %(problem)s") % {"problem": problem}
        raise InvalidInput([Problem(place, message)]) from error
    except yaml.YAMLError as error:
        message = _("YAML syntax error: %(problem)s") % {"problem": error}
        raise InvalidInput([Problem(source, message)]) from error
    finally:
        loader.dispose()


class YamlLocator:
    """Places like `lcc.yaml:42 question "3.1.4" options[2]`, from the composed nodes."""

    def __init__(self, source: str, root: yaml.Node, data: Any) -> None:
        self.source, self.data = source, data
        self.lines: dict[DataPath, int] = {}
        self.raws: dict[DataPath, str] = {}
        self.duplicate_keys: list[Problem] = []
        self._walk(root, (), set())

    def _walk(self, node: yaml.Node, path: DataPath, stack: set[int]) -> None:
        if id(node) in stack:  # a recursive alias: its lines are already known
            return
        self.lines.setdefault(path, node.start_mark.line + 1)
        if isinstance(node, yaml.ScalarNode):
            self.raws[path] = node.value
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                self._walk(item, (*path, index), stack | {id(node)})
        elif isinstance(node, yaml.MappingNode):
            for key_node, value in node.value:
                self._walk_entry(key_node, value, path, stack | {id(node)})

    def _walk_entry(
        self, key_node: yaml.Node, value: yaml.Node, path: DataPath, stack: set[int]
    ) -> None:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        child = (*path, key)
        if child in self.lines:  # PyYAML would silently keep only the last value
            message = _('Duplicate key "%(key)s"; each key may appear once.')
            where = f"{self.source}:{key_node.start_mark.line + 1}"
            self.duplicate_keys.append(Problem(where, message % {"key": key}))
        # The key's own line: a mistake in `text:` is reported where `text:` is written.
        self.lines.setdefault(child, key_node.start_mark.line + 1)
        self._walk(value, child, stack)

    def place(self, path: DataPath) -> str:
        line = next(
            self.lines[path[:n]] for n in range(len(path), -1, -1) if path[:n] in self.lines
        )
        where = describe_path(self.data, path)
        return f"{self.source}:{line} {where}" if where else f"{self.source}:{line}"

    def raw(self, path: DataPath) -> str | None:
        return self.raws.get(path)


def describe_path(data: Any, path: DataPath) -> str:
    """`question "1.1" options[2].points`: the innermost coded container, then the rest."""
    label, start, node = "", 0, data
    for index, key in enumerate(path):
        node = _child(node, key)
        code = node.get("code") if isinstance(node, dict) and isinstance(key, int) else None
        parent = path[index - 1] if index else None
        if isinstance(code, str) and code and (named := _container(parent, code)):
            label, start = named, index + 1
    return " ".join(part for part in (label, format_path(path[start:])) if part)


def _container(parent: Any, code: str) -> str:
    """How an operator names a principle, field or question (options are not named)."""
    if parent == "questions":
        return _('question "%(code)s"') % {"code": code}
    if parent == "principles":
        return _('principle "%(code)s"') % {"code": code}
    if parent == "fields":
        return _('field "%(code)s"') % {"code": code}
    return ""


def _child(node: Any, key: str | int) -> Any:
    if isinstance(node, dict):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
        return node[key]
    return None


def format_path(path: DataPath) -> str:
    """("options", 2, "points") -> "options[2].points"."""
    text = ""
    for key in path:
        text += f"[{key}]" if isinstance(key, int) else (f".{key}" if text else str(key))
    return text


# --- answers files -------------------------------------------------------------------


def read_answers(path: Path) -> dict[str, str | list[str]]:
    """`{answers: {"1.1": "b", "2.3": ["a", "c"]}}` from a YAML or JSON file."""
    text, source = _read_text(path), path.name
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            message = _("JSON syntax error: %(problem)s") % {"problem": error.msg}
            raise InvalidInput([Problem(f"{source}:{error.lineno}", message)]) from error
    else:
        data = _compose_yaml(text, source)[1]
    return answers_from_data(data, source)


def answers_from_data(data: Any, source: str) -> dict[str, str | list[str]]:
    if not isinstance(data, dict) or set(data) - {"answers"}:
        message = _("Expected a mapping with one key, answers: {question code: option code}.")
        raise InvalidInput([Problem(source, message)])
    answers = data.get("answers") or {}
    if not isinstance(answers, dict):
        message = _("answers must map question codes to option codes, not %(value)s.")
        raise InvalidInput([Problem(f"{source} answers", message % {"value": shown(answers)})])
    problems = [p for key, value in answers.items() if (p := _answer_problem(key, value, source))]
    if problems:
        raise InvalidInput(problems)
    return {
        key: list(value) if isinstance(value, list) else value for key, value in answers.items()
    }


def _answer_problem(key: Any, value: Any, source: str) -> Problem | None:
    place = f"{source} " + _('question "%(code)s"') % {"code": key}
    if not isinstance(key, str):
        message = _("Question codes must be text: put %(value)s in quotes.")
        return Problem(place, message % {"value": key})
    if isinstance(value, str):
        return None
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return None
    message = _("Expected an option code or a list of option codes, not %(value)s.")
    return Problem(place, message % {"value": shown(value)})
