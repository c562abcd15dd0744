from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from citizenlabel.dossiers.forms.editions import DateInput
from citizenlabel.people.models import User

from ..models import Visit
from .teams import UserChoiceLabel


class VisitForm(forms.ModelForm):
    """Any active account is accepted here: the service refuses, by name, whoever is not in
    the dossier's technical team; only the team's members are offered."""

    members = forms.ModelMultipleChoiceField(
        User.objects.none(),
        label=_("Members of the team who visit"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Visit
        fields = ["date", "members", "agenda", "documents"]
        widgets = {
            "date": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 4}),
            "documents": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "documents": _("The verification sources the commune should have ready, one per line."),
        }

    def __init__(self, *args, team_members=(), submitted_on=None, **kwargs):
        super().__init__(*args, **kwargs)
        if submitted_on is not None:
            self.fields["date"].help_text = _(
                "Not before the submission of the file, on %(date)s."
            ) % {"date": formats.date_format(submitted_on)}
        field = self.fields["members"]
        field.queryset = User.objects.filter(is_active=True)
        field.widget.choices = [(user.pk, UserChoiceLabel.label(user)) for user in team_members]
