"""What each irreversible step after submission will do, and who will be told: the text of
its confirmation page (common/confirm.py)."""

from django.template.defaultfilters import floatformat
from django.utils.translation import gettext as _

from citizenlabel.common.confirm import Consequences
from citizenlabel.dossiers.enums import DossierState as S
from citizenlabel.dossiers.models import Dossier
from citizenlabel.dossiers.services.notifications import AUDIENCE, told_of
from citizenlabel.referential.selectors import referential_spec

from .enums import Recommendation
from .selectors import provisional_answers, score_of


def _percent(value) -> str:
    return "—" if value is None else f"{floatformat(float(value), 1)} %"


def _becomes(state: str) -> str:
    return _("The dossier becomes “%(state)s”.") % {"state": S(state).label}


def provisional_consequences(dossier: Dossier) -> Consequences:
    result = score_of(referential_spec(dossier.edition.referential), provisional_answers(dossier))
    effects = [
        _("The provisional score, %(score)s, is recorded once and never changes.")
        % {"score": _percent(result.overall)},
        _("Answers flagged as unsupported count 0 in it."),
        _becomes(S.PROVISIONALLY_SCORED),
    ]
    return Consequences(
        _("Record the provisional score"),
        _("Record the provisional score"),
        effects,
        told_of(AUDIENCE[S.PROVISIONALLY_SCORED]),
    )


def final_consequences(dossier: Dossier) -> Consequences:
    effects = [
        _(
            "The final score is recorded once, from the verified answers and the three components, "
            "weighted by the edition; it never changes."
        ),
        _("The verification can no longer be changed."),
        _becomes(S.VERIFIED),
    ]
    return Consequences(
        _("Record the final score"),
        _("Record the final score"),
        effects,
        told_of(AUDIENCE[S.VERIFIED]),
    )


def publish_consequences(dossier: Dossier) -> Consequences:
    effects = [
        _("The commune reads its final score and the verification report."),
        _("The results count in the public figures once the committee has decided."),
    ]
    return Consequences(
        _("Publish the verification results"),
        _("Publish the results"),
        effects,
        told_of({"commune"}),
    )


def proposal_consequences(dossier: Dossier, recommendation: str, against: bool) -> Consequences:
    effects = [
        _(
            "The proposal “%(proposal)s” is sent to the accreditation committee: it is frozen "
            "when the dossier is put on a session's agenda."
        )
        % {"proposal": Recommendation(recommendation).label},
    ]
    if against:
        effects.append(
            _("It goes against the edition's rules: its justification is read by the committee.")
        )
    return Consequences(
        _("Save the proposal to the accreditation committee"),
        _("Save the proposal"),
        effects,
        [],
    )
