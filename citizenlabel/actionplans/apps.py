from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionplansConfig(AppConfig):
    name = "citizenlabel.actionplans"
    verbose_name = _("Action plans")

    def ready(self) -> None:
        from citizenlabel.verification.rounds import declare_reverification_scope

        from .selectors_evaluation import targeted_question_ids

        declare_reverification_scope(targeted_question_ids)
