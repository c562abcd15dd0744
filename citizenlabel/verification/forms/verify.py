"""What the on-site verification form posts. The service checks the values against the
question (an option that is not the question's is refused there, with its message)."""

from django import forms


class CodesField(forms.Field):
    """Every value posted under the name (checkboxes or radios), as strings."""

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        return [str(code) for code in value or []]


class VerifiedAnswerForm(forms.Form):
    evidence_status = forms.CharField(required=False, max_length=20)
    options = CodesField(required=False)
    reason = forms.CharField(required=False, max_length=4000)
    version = forms.IntegerField(required=False, min_value=0)

    def values(self) -> dict:
        """The service's arguments (call once valid); a missing version never matches."""
        data = self.cleaned_data
        return {
            "evidence_status": data["evidence_status"],
            "options": data["options"],
            "reason": data["reason"],
            "seen_version": -1 if data["version"] is None else data["version"],
        }

    def error_messages(self) -> list[str]:
        return [error for errors in self.errors.values() for error in errors]
