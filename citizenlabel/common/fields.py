"""A model field for bilingual texts, edited as one input per language."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

LANGUAGE_LABELS = (("ar", _("Arabic")), ("fr", _("French")))


class BilingualWidget(forms.MultiWidget):
    template_name = "common/bilingual_widget.html"

    def __init__(self, multiline: bool = False, attrs=None):
        base = forms.Textarea(attrs={"rows": 3}) if multiline else forms.TextInput()
        widgets = {}
        for code, _label in LANGUAGE_LABELS:
            widget = type(base)(
                attrs={**base.attrs, "lang": code, "dir": "rtl" if code == "ar" else "ltr"}
            )
            widgets[code] = widget
        super().__init__(widgets, attrs)

    def decompress(self, value):
        value = value or {}
        return [value.get(code, "") for code, _label in LANGUAGE_LABELS]

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        for subwidget, (_code, label) in zip(
            context["widget"]["subwidgets"], LANGUAGE_LABELS, strict=True
        ):
            subwidget["label"] = label
        return context


class BilingualFormField(forms.MultiValueField):
    def __init__(self, *, multiline: bool = False, required: bool = True, **kwargs):
        kwargs.pop("max_length", None)
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False) for _code in LANGUAGE_LABELS]
        super().__init__(
            fields,
            widget=BilingualWidget(multiline=multiline),
            require_all_fields=False,
            required=required,
            **kwargs,
        )

    def compress(self, data_list):
        texts = {
            code: value.strip()
            for (code, _label), value in zip(LANGUAGE_LABELS, data_list or [], strict=False)
            if value and value.strip()
        }
        if self.required and not texts:
            raise ValidationError(_("Give the text in Arabic or in French."), code="required")
        return texts


class BilingualTextField(models.JSONField):
    """Stores {"ar": …, "fr": …}; `translated()` reads it with a fallback."""

    def __init__(self, *args, multiline: bool = False, **kwargs):
        self.multiline = multiline
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return BilingualFormField(
            multiline=self.multiline,
            required=not self.blank,
            label=self.verbose_name.capitalize() if self.verbose_name else None,
            help_text=self.help_text,
        )
