"""Problems found in a user's input, each with the place that an operator can go and fix.

Loaders and the scorer collect every problem before giving up, so that one run tells the
operator everything that is wrong instead of one mistake at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple


class Problem(NamedTuple):
    place: str  # "lcc.yaml:42 question \"3.1.4\" options[2]", "ref.xlsx sheet …", …
    message: str  # already translated into the active language

    def __str__(self) -> str:
        return f"{self.place}: {self.message}" if self.place else self.message


class InvalidInput(Exception):
    """Raised with every problem of an input at once."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))
