import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User
from citizenlabel.territory.models import Commune, Province, Region

PASSWORD = "correct-horse-battery"


class RegionFactory(DjangoModelFactory):
    class Meta:
        model = Region
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"R{n:02d}")
    name = factory.LazyAttribute(lambda o: {"ar": f"جهة {o.code}", "fr": f"Région {o.code}"})


class ProvinceFactory(DjangoModelFactory):
    class Meta:
        model = Province

    region = factory.SubFactory(RegionFactory)
    code = factory.Sequence(lambda n: f"P{n:03d}")
    kind = "province"
    name = factory.LazyAttribute(lambda o: {"ar": f"إقليم {o.code}", "fr": f"Province {o.code}"})


class CommuneFactory(DjangoModelFactory):
    class Meta:
        model = Commune

    province = factory.SubFactory(ProvinceFactory)
    code = factory.Sequence(lambda n: f"C{n:04d}")
    name = factory.LazyAttribute(lambda o: {"ar": f"جماعة {o.code}", "fr": f"Commune {o.code}"})
    kind = "rural"
    population = 12000


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class TechnicalTeamFactory(DjangoModelFactory):
    class Meta:
        model = TechnicalTeam

    name = factory.Sequence(lambda n: {"ar": f"فريق {n}", "fr": f"Équipe {n}"})


def user_with_role(role: str, **scope) -> User:
    user = UserFactory()
    Membership.objects.create(user=user, role=role, **scope)
    return user


def coordination_member() -> User:
    return user_with_role(Role.COORDINATION)


# --- Editions and dossiers -------------------------------------------------------------


def default_referential():
    from citizenlabel.common.demo import ensure_default_referential

    return ensure_default_referential()


class EditionFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.Edition"

    name = factory.Sequence(lambda n: {"ar": f"النسخة {n}", "fr": f"Édition {n}"})
    referential = factory.LazyFunction(default_referential)
    call_opened_at = factory.LazyFunction(timezone.now)


class DossierFactory(DjangoModelFactory):
    class Meta:
        model = "dossiers.Dossier"

    edition = factory.SubFactory(EditionFactory)
    commune = factory.SubFactory(CommuneFactory)
    state = "draft"


def dossier_in_self_assessment(**kwargs):
    """A dossier whose self-assessment is open for three more weeks, with its team."""
    import datetime

    kwargs.setdefault("technical_team", TechnicalTeamFactory())
    return DossierFactory(
        state="self_assessment",
        deadline=timezone.localdate() + datetime.timedelta(weeks=3),
        **kwargs,
    )


def commune_people(dossier):
    """(focal point, president) of the dossier's commune."""
    return (
        user_with_role(Role.FOCAL_POINT, commune=dossier.commune),
        user_with_role(Role.PRESIDENT, commune=dossier.commune),
    )


def team_member(dossier):
    return user_with_role(Role.TECHNICAL_TEAM, technical_team=dossier.technical_team)
