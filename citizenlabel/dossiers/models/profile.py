"""The commune's institutional profile (الصورة الذاتية المؤسساتية): structured, not scored."""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .dossier import Dossier


class InstitutionalProfile(models.Model):
    dossier = models.OneToOneField(Dossier, on_delete=models.CASCADE, related_name="profile")
    census_year = models.PositiveSmallIntegerField(_("census year"), default=2024)
    population = models.PositiveIntegerField(_("population"))
    population_women = models.PositiveIntegerField(_("of whom women"), null=True, blank=True)
    area_km2 = models.DecimalField(
        _("area (km²)"),
        max_digits=9,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    localities = models.PositiveIntegerField(_("douars or neighbourhoods"), null=True, blank=True)
    council_seats = models.PositiveSmallIntegerField(
        _("council seats"), validators=[MinValueValidator(1)]
    )
    council_women = models.PositiveSmallIntegerField(_("women in the council"))
    council_opposition = models.PositiveSmallIntegerField(_("opposition members"))
    council_under_35 = models.PositiveSmallIntegerField(
        _("members under 35"), null=True, blank=True
    )
    standing_committees = models.PositiveSmallIntegerField(_("standing committees"), default=0)
    own_revenue_share = models.DecimalField(
        _("share of own revenue in the budget (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    website = models.URLField(_("website"), blank=True)
    social_accounts = models.CharField(_("social media accounts"), max_length=300, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("institutional profile")

    def __str__(self) -> str:
        return str(self.dossier)


class StaffCount(models.Model):
    class Category(models.TextChoices):
        MANAGERS = "managers", _("Senior managers")
        EXECUTIVES = "executives", _("Executives")
        TECHNICIANS = "technicians", _("Technicians and supervisors")
        AGENTS = "agents", _("Agents")

    profile = models.ForeignKey(
        InstitutionalProfile, on_delete=models.CASCADE, related_name="staff"
    )
    category = models.CharField(_("category"), max_length=15, choices=Category.choices)
    women = models.PositiveIntegerField(_("women"), default=0)
    men = models.PositiveIntegerField(_("men"), default=0)

    class Meta:
        ordering = ["profile", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "category"], name="one_count_per_category")
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class BudgetYear(models.Model):
    profile = models.ForeignKey(
        InstitutionalProfile, on_delete=models.CASCADE, related_name="budget_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    operating_revenue = models.DecimalField(_("operating revenue"), max_digits=14, decimal_places=2)
    operating_expenditure = models.DecimalField(
        _("operating expenditure"), max_digits=14, decimal_places=2
    )
    investment_revenue = models.DecimalField(
        _("investment revenue"), max_digits=14, decimal_places=2
    )
    investment_expenditure = models.DecimalField(
        _("investment expenditure"), max_digits=14, decimal_places=2
    )

    class Meta:
        ordering = ["profile", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "year"], name="one_budget_per_year")
        ]

    def __str__(self) -> str:
        return str(self.year)


class ServiceDelivery(models.Model):
    """How a local public service is run: directly, delegated, or through an inter-communal body."""

    class Service(models.TextChoices):
        WASTE = "waste", _("Household waste collection")
        CLEANING = "cleaning", _("Street cleaning")
        LIGHTING = "lighting", _("Public lighting")
        WATER = "water", _("Drinking water")
        SANITATION = "sanitation", _("Liquid sanitation")
        TRANSPORT = "transport", _("Urban or school transport")
        MARKETS = "markets", _("Markets and slaughterhouses")
        PARKS = "parks", _("Green spaces")

    class Mode(models.TextChoices):
        DIRECT = "direct", _("Run directly")
        DELEGATED = "delegated", _("Delegated")
        INTERCOMMUNAL = "intercommunal", _("Through an inter-communal body")
        NONE = "none", _("Not provided")

    profile = models.ForeignKey(
        InstitutionalProfile, on_delete=models.CASCADE, related_name="services"
    )
    service = models.CharField(_("service"), max_length=15, choices=Service.choices)
    mode = models.CharField(_("how it is run"), max_length=15, choices=Mode.choices)

    class Meta:
        ordering = ["profile", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["profile", "service"], name="one_mode_per_service")
        ]

    def __str__(self) -> str:
        return f"{self.get_service_display()}: {self.get_mode_display()}"


class ParticipatoryBody(models.Model):
    class Kind(models.TextChoices):
        EQUALITY = "equality", _("Equality, equal opportunity and gender body")
        YOUTH = "youth", _("Youth council or body")
        CONSULTATIVE = "consultative", _("Other consultative body")
        NEIGHBOURHOOD = "neighbourhood", _("Neighbourhood or douar committee")

    profile = models.ForeignKey(
        InstitutionalProfile, on_delete=models.CASCADE, related_name="participatory_bodies"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    created_year = models.PositiveSmallIntegerField(_("year created"), null=True, blank=True)
    members_women = models.PositiveSmallIntegerField(_("members, women"), default=0)
    members_men = models.PositiveSmallIntegerField(_("members, men"), default=0)

    class Meta:
        ordering = ["profile", "pk"]

    def __str__(self) -> str:
        return self.name
