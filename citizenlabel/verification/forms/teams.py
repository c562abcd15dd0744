from django import forms
from django.utils.translation import gettext_lazy as _

from citizenlabel.people.models import TechnicalTeam, User


class UserChoiceLabel:
    """“Full name (username)”: two people may share a name, never a username."""

    @staticmethod
    def label(user: User) -> str:
        name = user.get_full_name()
        return f"{name} ({user.username})" if name else user.username


class TechnicalTeamForm(forms.ModelForm):
    members = forms.ModelMultipleChoiceField(
        User.objects.none(),
        label=_("Members"),
        help_text=_("Hold Ctrl (or ⌘) to choose several people."),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    leader = forms.ModelChoiceField(
        User.objects.none(),
        label=_("Leader of the team"),
        help_text=_("The leader must be one of the members."),
    )

    class Meta:
        model = TechnicalTeam
        fields = ["name", "region"]

    def __init__(self, *args, members=(), leader=None, **kwargs):
        super().__init__(*args, **kwargs)
        people = User.objects.filter(is_active=True).order_by("first_name", "last_name", "username")
        for name in ("members", "leader"):
            self.fields[name].queryset = people
            self.fields[name].label_from_instance = UserChoiceLabel.label
        self.fields["region"].empty_label = _("Several regions or national")
        self.initial.setdefault("members", [user.pk for user in members])
        if leader is not None:
            self.initial.setdefault("leader", leader.pk)
