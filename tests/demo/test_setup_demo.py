import pytest
from django.core.management import call_command

from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, User
from citizenlabel.referential.models import Referential
from citizenlabel.territory.models import Commune

pytestmark = pytest.mark.django_db


def test_setup_demo_prints_one_account_per_role_and_runs_twice(capsys):
    call_command("setup_demo", "--lang", "fr")
    call_command("setup_demo", "--lang", "fr")
    out = capsys.readouterr().out
    assert out.count("demo-coordination-2026") == 2
    roles = set(Membership.objects.values_list("role", flat=True))
    assert roles == {r for r in Role.values if r != Role.ADMINISTRATOR}
    assert User.objects.get(username="admin").is_superuser
    assert User.objects.get(username="president").check_password("demo-president-2026")
    assert Referential.objects.filter(code="LCC", version="2022").count() == 1
    assert Commune.objects.values("province__region").distinct().count() >= 2
