import factory
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
