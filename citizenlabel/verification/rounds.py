"""Which answers each verification round covers. The visit covers every question of the
referential; the re-verification only the answers the dossier's action plan targets. The plan
is the action-plan app's business and that app sits above this one, so it declares its scope
here when it loads (ActionplansConfig.ready) instead of being imported."""

from collections.abc import Callable

from citizenlabel.dossiers.models import Dossier

Aims = dict[int, list[list[str]]]  # {question id: [options to reach, one list per result]}

_reverification_scope: list[Callable[[Dossier], Aims]] = []


def declare_reverification_scope(scope: Callable[[Dossier], Aims]) -> None:
    _reverification_scope[:] = [scope]


def reverification_aims(dossier: Dossier) -> Aims:
    """The answers the re-verification covers, with what the plan aimed at for each."""
    return _reverification_scope[0](dossier) if _reverification_scope else {}
