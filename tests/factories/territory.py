"""Regions, provinces and communes."""

import factory
from factory.django import DjangoModelFactory

from citizenlabel.territory.models import Commune, Province, Region


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
