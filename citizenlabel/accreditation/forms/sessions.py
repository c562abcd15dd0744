from django import forms
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from citizenlabel.common.texts import translated
from citizenlabel.dossiers.models import Dossier, Edition
from citizenlabel.people.models import User

from ..enums import Outcome, VoteChoice
from ..models import DeliberationSession


def member_label(user: User) -> str:
    """“Full name (username)”: two people may share a name, never a username. Each part is
    isolated so an Arabic name beside a Latin username keeps its brackets in place."""
    name = user.get_full_name()
    if not name:
        return user.username
    return format_html('<bdi>{}</bdi> <bdi dir="ltr">({})</bdi>', name, user.username)


def plain_member_label(user: User) -> str:
    """The same for a drop-down, whose options hold text only."""
    name = user.get_full_name()
    return f"{name} ({user.username})" if name else user.username


def dossier_label(dossier: Dossier) -> str:
    return format_html(
        "<bdi>{}</bdi> — <bdi>{}</bdi>",
        translated(dossier.commune.name),
        translated(dossier.edition.name),
    )


class SessionForm(forms.ModelForm):
    """The session, its invited members and its agenda; the service checks the rest."""

    members = forms.ModelMultipleChoiceField(
        User.objects.none(),
        label=_("Members invited"),
        help_text=_("Accreditation committee members only."),
        widget=forms.CheckboxSelectMultiple,
    )
    dossiers = forms.ModelMultipleChoiceField(
        Dossier.objects.none(),
        label=_("Dossiers on the agenda"),
        help_text=_(
            "Verified dossiers with the coordination's proposal, and dossiers whose action "
            "plan has its updated score. Each must belong to the session's edition."
        ),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = DeliberationSession
        fields = ["edition", "date", "place", "quorum", "chair", "secretary"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, members, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["edition"].queryset = Edition.objects.order_by("-pk")
        self.fields["edition"].label = _("Edition")
        self.fields["edition"].label_from_instance = lambda e: translated(e.name)
        self.fields["quorum"].min_value = 1
        self.fields["quorum"].widget.attrs["min"] = 1
        self.fields["members"].queryset = members
        self.fields["members"].label_from_instance = member_label
        for officer in ("chair", "secretary"):  # among the members; the service checks it
            self.fields[officer].queryset = members
            self.fields[officer].label_from_instance = plain_member_label
        self.fields["chair"].required = True
        self.fields["chair"].help_text = _(
            "One of the members invited: the chair records the outcome of each vote."
        )
        self.fields["secretary"].help_text = _(
            "Optional, one of the members invited: records the outcomes when the chair cannot."
        )
        self.fields["dossiers"].queryset = candidates
        self.fields["dossiers"].label_from_instance = dossier_label
        if self.instance.pk:
            seats = self.instance.members.values_list("user_id", flat=True)
            agenda = self.instance.agenda.values_list("dossier_id", flat=True)
            self.initial.setdefault("members", list(seats))
            self.initial.setdefault("dossiers", list(agenda))

    def clean_quorum(self) -> int:
        quorum = self.cleaned_data["quorum"]
        if quorum < 1:
            raise forms.ValidationError(_("At least one member must be present."))
        return quorum


class AttendanceForm(forms.Form):
    present = forms.MultipleChoiceField(
        label=_("Members present"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, seats, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(seat.pk, member_label(seat.user)) for seat in seats]
        self.initial.setdefault("present", [seat.pk for seat in seats if seat.present])

    def clean_present(self) -> list[int]:
        return [int(pk) for pk in self.cleaned_data["present"]]


class ConflictForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason of the conflict of interest"),
        max_length=300,
        help_text=_(
            "For example: you come from this commune or its province. It is written in the minutes."
        ),
    )


class VoteForm(forms.Form):
    choice = forms.ChoiceField(
        label=_("Your vote"), choices=VoteChoice.choices, widget=forms.RadioSelect
    )


class CloseRoundForm(forms.Form):
    """Closing the vote: the adopted outcome is the decision; whether a justification is
    needed is the service's call (against the edition's rules)."""

    justification = forms.CharField(
        label=_("Justification"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when the outcome voted on goes against the edition's rules."),
    )


class RoundForm(forms.Form):
    """Another round, on an outcome the dossier's state allows and not rejected already."""

    outcome = forms.ChoiceField(label=_("Outcome to put to the vote"), widget=forms.RadioSelect)

    def __init__(self, *args, outcomes: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["outcome"].choices = [(o, Outcome(o).label) for o in outcomes]
