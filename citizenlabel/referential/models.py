"""The questionnaire as versioned data. Rows are written by `services.load_referential` only;
once an edition uses a referential it is locked and can only be superseded by a new version."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from citizenlabel.common.fields import BilingualTextField
from citizenlabel.common.texts import translated

from .enums import Aggregation, QuestionKind


class Referential(models.Model):
    code = models.CharField(_("code"), max_length=30)
    version = models.CharField(_("version"), max_length=30)
    title = BilingualTextField(_("title"))
    description = BilingualTextField(_("description"), blank=True, multiline=True)
    aggregation = models.CharField(
        _("aggregation"), max_length=20, choices=Aggregation.choices, default=Aggregation.POINTS
    )
    loaded_at = models.DateTimeField(_("loaded at"), auto_now_add=True)
    loaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    source_sha256 = models.CharField(_("sha256 of the loaded file"), max_length=64, blank=True)
    locked_at = models.DateTimeField(
        _("locked at"),
        null=True,
        blank=True,
        help_text=_("Set by lock_referential when an edition first uses it; never by hand."),
    )

    class Meta:
        ordering = ["code", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="unique_referential_version")
        ]
        verbose_name = _("referential")
        verbose_name_plural = _("referentials")

    def __str__(self) -> str:
        return f"{self.code} {self.version}"

    @property
    def is_locked(self) -> bool:
        return self.locked_at is not None


class Principle(models.Model):
    referential = models.ForeignKey(
        Referential, on_delete=models.CASCADE, related_name="principles"
    )
    code = models.CharField(_("code"), max_length=30)
    title = BilingualTextField(_("title"))
    description = BilingualTextField(_("description"), blank=True, multiline=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["referential", "position"]
        constraints = [
            models.UniqueConstraint(fields=["referential", "code"], name="unique_principle_code")
        ]
        verbose_name = _("principle")
        verbose_name_plural = _("principles")

    def __str__(self) -> str:
        return translated(self.title)


class Anchor(models.Model):
    """A legal anchor of a principle (مرتكز مرجعي)."""

    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="anchors")
    ref = models.CharField(_("reference"), max_length=200)
    text = BilingualTextField(_("text"), blank=True, multiline=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["principle", "position"]
        verbose_name = _("legal anchor")
        verbose_name_plural = _("legal anchors")

    def __str__(self) -> str:
        return self.ref


class Field(models.Model):
    """One of the questionnaire's fields (مجال)."""

    referential = models.ForeignKey(Referential, on_delete=models.CASCADE, related_name="fields")
    code = models.CharField(_("code"), max_length=30)
    title = BilingualTextField(_("title"))
    description = BilingualTextField(_("description"), blank=True, multiline=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["referential", "position"]
        constraints = [
            models.UniqueConstraint(fields=["referential", "code"], name="unique_field_code")
        ]
        verbose_name = _("field")
        verbose_name_plural = _("fields")

    def __str__(self) -> str:
        return translated(self.title)


class Topic(models.Model):
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="topics")
    code = models.CharField(_("code"), max_length=30, blank=True)
    title = BilingualTextField(_("title"))
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["field", "position"]
        verbose_name = _("topic")
        verbose_name_plural = _("topics")

    def __str__(self) -> str:
        return translated(self.title)


class Question(models.Model):
    referential = models.ForeignKey(Referential, on_delete=models.CASCADE, related_name="questions")
    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="questions")
    topic = models.ForeignKey(
        Topic, on_delete=models.CASCADE, null=True, blank=True, related_name="questions"
    )
    principle = models.ForeignKey(Principle, on_delete=models.RESTRICT, related_name="questions")
    code = models.CharField(_("code"), max_length=30)
    letter = models.CharField(_("letter"), max_length=5, blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = BilingualTextField(_("question"), multiline=True)
    help = BilingualTextField(_("help"), blank=True, multiline=True)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=3, default=1)
    max_points = models.DecimalField(
        _("maximum points"), max_digits=10, decimal_places=3, null=True, blank=True
    )
    legal_basis = models.JSONField(_("legal basis"), default=list, blank=True)
    evidence = models.JSONField(
        _("expected verification sources"), default=list, blank=True
    )  # a list of {ar, fr} texts
    critical = models.BooleanField(_("critical"), default=False)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["referential", "position"]
        constraints = [
            models.UniqueConstraint(fields=["referential", "code"], name="unique_question_code")
        ]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return f"{self.code} {translated(self.text)[:60]}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    code = models.CharField(_("code"), max_length=30)
    text = BilingualTextField(_("text"))
    points = models.DecimalField(_("points"), max_digits=10, decimal_places=3, default=0)
    not_applicable = models.BooleanField(_("not applicable"), default=False)
    exclusive = models.BooleanField(
        _("exclusive"),
        default=False,
        help_text=_("Means “none of these”: it cannot be chosen with another option."),
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["question", "position"]
        constraints = [
            models.UniqueConstraint(fields=["question", "code"], name="unique_option_code")
        ]
        verbose_name = _("option")
        verbose_name_plural = _("options")

    def __str__(self) -> str:
        return f"{self.code} {translated(self.text)}"
