"""Users, technical teams and roles."""

import factory
from factory.django import DjangoModelFactory

from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User

PASSWORD = "correct-horse-battery"


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
