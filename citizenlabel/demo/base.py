"""The demo's ground: the default referential, real communes, one account per role.

Idempotent: running it again resets the demo passwords and creates nothing twice."""

from dataclasses import dataclass
from pathlib import Path

from citizenlabel.people.enums import Role
from citizenlabel.people.models import Membership, TechnicalTeam, User
from citizenlabel.referential.models import Referential
from citizenlabel.referential.parsing import read_referential
from citizenlabel.referential.services import load_referential
from citizenlabel.territory.models import Commune, Region
from citizenlabel.territory.services import DEMO_COMMUNES_FILE, import_communes

DEFAULT_REFERENTIAL_FILE = (
    Path(__file__).resolve().parent.parent / "referential" / "data" / "lcc-2022.yaml"
)
DEMO_COMMUNE_CODE = "01.151.01"  # Chefchaouen
DEMO_TEAM_REGION = "01"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    role: str
    scope: str


def ensure_default_referential() -> Referential:
    spec = read_referential(DEFAULT_REFERENTIAL_FILE)
    existing = Referential.objects.filter(code=spec.code, version=spec.version).first()
    return existing or load_referential(spec=spec)


def create_accounts() -> list[DemoAccount]:
    """The default referential, the demo communes and one account per role."""
    ensure_default_referential()
    import_communes(path=DEMO_COMMUNES_FILE)
    commune = Commune.objects.get(code=DEMO_COMMUNE_CODE)
    region = Region.objects.get(code=DEMO_TEAM_REGION)
    team, _created = TechnicalTeam.objects.get_or_create(
        region=region,
        defaults={
            "name": {
                "ar": "الفريق التقني لجهة طنجة تطوان الحسيمة",
                "fr": "Équipe technique Tanger-Tétouan-Al Hoceïma",
            }
        },
    )
    _hidden_team("09", {"ar": "الفريق التقني لجهة سوس ماسة", "fr": "Équipe technique Souss-Massa"})
    return [
        _account("admin", Role.ADMINISTRATOR, "", superuser=True),
        _account("coordination", Role.COORDINATION, ""),
        _account("technical", Role.TECHNICAL_TEAM, str(team), team=team),
        _account("accreditation", Role.ACCREDITATION, ""),
        _account("focalpoint", Role.FOCAL_POINT, str(commune), commune=commune),
        _account("president", Role.PRESIDENT, str(commune), commune=commune),
    ]


def _hidden_team(region_code: str, name: dict) -> TechnicalTeam:
    """A second team (its member has no printed password) so every demo region is covered."""
    team, created = TechnicalTeam.objects.get_or_create(
        region=Region.objects.get(code=region_code), defaults={"name": name}
    )
    if created:
        user = User.objects.create(username=f"technical-{region_code}", first_name=name["ar"])
        user.set_unusable_password()
        user.save()
        Membership.objects.create(
            user=user, role=Role.TECHNICAL_TEAM, technical_team=team, is_leader=True
        )
    return team


def _account(username, role, scope, *, superuser=False, team=None, commune=None) -> DemoAccount:
    password = f"demo-{username}-2026"
    user, _created = User.objects.get_or_create(username=username)
    user.is_staff = user.is_superuser = superuser
    user.email = f"{username}@demo.citizenlabel.local"
    user.set_password(password)
    user.save()
    if not superuser:
        Membership.objects.get_or_create(user=user, role=role, commune=commune, technical_team=team)
    return DemoAccount(username, password, str(Role(role).label), scope)
