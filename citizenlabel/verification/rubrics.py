"""The rubrics of the three visit components: five written levels each, scored 0 to 100.

Levels are what a technical team can observe during the visit; the score of a level is
fixed (0, 25, 50, 75, 100) so that two teams scoring the same facts give the same number."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .enums import Component

LEVEL_SCORES = (0, 25, 50, 75, 100)


@dataclass(frozen=True)
class Level:
    value: int  # 0..4
    descriptor: str

    @property
    def score(self) -> int:
        return LEVEL_SCORES[self.value]


RUBRICS: dict[str, tuple[Level, ...]] = {
    Component.INFORMATION_ACCESS: (
        Level(0, _("The verification sources were not made available; answers were not given.")),
        Level(1, _("Few sources were available, scattered; many answers were vague.")),
        Level(2, _("About half of the sources were ready; answers were partly precise.")),
        Level(3, _("Most sources were ready and sorted by question; answers were precise.")),
        Level(4, _("Every source was ready, sorted and referenced; every answer was precise.")),
    ),
    Component.OWNERSHIP: (
        Level(0, _("Nobody in the commune could explain the self-assessment.")),
        Level(1, _("Only the focal point knew the process; no internal follow-up.")),
        Level(2, _("The focal-point team knew the process; the council was barely involved.")),
        Level(3, _("The team and the president led the process; the council was informed.")),
        Level(4, _("Council, staff and president own the process and use its results.")),
    ),
    Component.EQUALITY_BODY: (
        Level(0, _("The equality body does not exist or took no part.")),
        Level(1, _("The body exists but was not consulted during the self-assessment.")),
        Level(2, _("The body was informed of the self-assessment.")),
        Level(3, _("The body took part in the workshop and gave its opinion.")),
        Level(4, _("The body took part throughout and its proposals were taken up.")),
    ),
}


def level(component: str, value: int) -> Level:
    """The rubric level, or ValueError for a component or value outside the rubric."""
    levels = RUBRICS[component]
    if not isinstance(value, int) or not 0 <= value < len(levels):
        raise ValueError(value)
    return levels[value]
