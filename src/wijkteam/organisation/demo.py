"""The demo municipality: Gemeente Voorbeeld. Deterministic: the same every time.

Built through the services, so the demo exercises the same validation and audit as real use.
"""

import base64
import datetime
import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts import services as account_services
from wijkteam.accounts.models import User

from . import services
from .constants import (
    DecisionType,
    Domain,
    Function,
    Positioning,
    TargetGroup,
    TeamModel,
    TeamRole,
)
from .demo_data import DISTRICTS, MEMBERS, ORGANISATIONS, USERS
from .models import (
    District,
    MandateRule,
    Membership,
    Municipality,
    Neighbourhood,
    Organisation,
    Team,
)

DEMO_PASSWORD = "Wijkteam-demo-2026"  # noqa: S105 - printed for the demo on purpose
DEMO_START = datetime.date(2026, 1, 1)
MUNICIPALITY = ("Gemeente Voorbeeld", "GM9999")


def demo_totp_key(username: str) -> str:
    """A fixed TOTP key per demo user (hex), so the printed secrets stay valid across runs."""
    return hashlib.sha256(f"wijkteam-demo-totp:{username}".encode()).hexdigest()[:40]


def demo_totp_secret(username: str) -> str:
    """The same key in base32, as authenticator apps want it."""
    return base64.b32encode(bytes.fromhex(demo_totp_key(username))).decode()


def demo_exists() -> bool:
    return Municipality.objects.filter(cbs_code=MUNICIPALITY[1]).exists()


@dataclass
class DemoContext:
    users: dict[str, User]
    organisations: dict[str, Organisation]
    teams: dict[str, Team]


def load_demo(*, progress: Callable[[str], None] = lambda _msg: None) -> DemoContext:
    """Create Gemeente Voorbeeld's set-up; one transaction: all or nothing."""
    with transaction.atomic():
        users = _users(progress)
        actor = users["beheer"]
        progress("gemeente, wijken en buurten")
        municipality = services.municipality_save(
            actor=actor, municipality=Municipality(name=MUNICIPALITY[0], cbs_code=MUNICIPALITY[1])
        )
        buurten: dict[str, list[Neighbourhood]] = {}
        for code, name, neighbourhoods in DISTRICTS:
            district = services.district_save(
                actor=actor, district=District(municipality=municipality, name=name, cbs_code=code)
            )
            buurten[name] = [
                services.neighbourhood_save(
                    actor=actor,
                    neighbourhood=Neighbourhood(district=district, name=bname, cbs_code=bcode),
                )
                for bcode, bname in neighbourhoods
            ]
        progress("organisaties")
        orgs = {
            name: services.organisation_save(
                actor=actor,
                organisation=Organisation(
                    municipality=municipality, name=name, kind=kind, agb_code=agb
                ),
            )
            for name, kind, agb in ORGANISATIONS
        }
        progress("teams en mandaat")
        teams = _teams(actor, municipality, orgs, buurten)
        progress("teamleden")
        for team_name, username, org, discipline, roles in MEMBERS:
            services.membership_save(
                actor=actor,
                membership=Membership(
                    team=teams[team_name],
                    user=users[username],
                    organisation=orgs[org],
                    discipline=discipline,
                    active_from=DEMO_START,
                ),
                roles=roles,
            )
    return DemoContext(users=users, organisations=orgs, teams=teams)


def _users(progress: Callable[[str], None]) -> dict[str, User]:
    progress("accounts met tweede factor")
    users: dict[str, User] = {}
    for u in USERS:
        user = account_services.user_create(
            actor=None,
            username=u.username,
            first_name=u.first_name,
            last_name=u.last_name,
            email=f"{u.username}@voorbeeld.example",
            system_role=u.system_role,
            password=DEMO_PASSWORD,
        )
        TOTPDevice.objects.create(
            user=user, name="Demo", key=demo_totp_key(u.username), confirmed=True
        )
        users[u.username] = user
    return users


def _teams(
    actor: User,
    municipality: Municipality,
    orgs: dict[str, Organisation],
    buurten: dict[str, list[Neighbourhood]],
) -> dict[str, Team]:
    centrum = services.team_save(
        actor=actor,
        team=Team(
            municipality=municipality,
            name="Wijkteam Centrum",
            model=TeamModel.INTEGRAAL,
            positioning=Positioning.UITBESTEED_RECHTSPERSOON,
            target_group=TargetGroup.ALLE_WIJKBEWONERS,
            responsible_organisation=orgs["Stichting Wijkteams Voorbeeld"],
            assignment=(
                "Eén gezin, één plan, één regisseur. Eigen kracht en het netwerk eerst, "
                "algemene voorzieningen vóór maatwerk."
            ),
            protocol_deviation_allowed=True,
            direct_specialist_deployment=True,
        ),
        functions=Function.values,
        neighbourhoods=buurten["Centrum"],
    )
    noord = services.team_save(
        actor=actor,
        team=Team(
            municipality=municipality,
            name="Jeugdteam Noord",
            model=TeamModel.GEINTEGREERD,
            positioning=Positioning.EIGEN_BEHEER,
            target_group=TargetGroup.EEN_DOMEIN,
            target_domain=Domain.JEUGD,
            responsible_organisation=orgs["Gemeente Voorbeeld"],
            assignment="Vroegtijdig en dichtbij ondersteunen van jeugdigen en hun ouders.",
        ),
        functions=[
            Function.TOEGANG,
            Function.LICHTE_ONDERSTEUNING,
            Function.INFORMATIE_ADVIES,
            Function.SIGNALEREN,
            Function.CLIENTONDERSTEUNING,
        ],
        neighbourhoods=buurten["Noord"],
    )
    rules = [
        (
            centrum,
            TeamRole.BESLISSER,
            DecisionType.MAATWERKVOORZIENING,
            "",
            "10",
            "20",
            26,
            52,
            "5000",
            "15000",
        ),
        (
            centrum,
            TeamRole.BESLISSER,
            DecisionType.AFWIJZING,
            "",
            None,
            None,
            None,
            None,
            None,
            None,
        ),
        (
            centrum,
            TeamRole.GENERALIST,
            DecisionType.LICHTE_ONDERSTEUNING,
            "",
            None,
            None,
            12,
            26,
            None,
            None,
        ),
        (
            centrum,
            TeamRole.GENERALIST,
            DecisionType.SPECIALIST_INZETTEN,
            "",
            None,
            None,
            6,
            12,
            "2500",
            "7500",
        ),
        (
            centrum,
            TeamRole.TEAMLEIDER,
            DecisionType.MAATWERKVOORZIENING,
            "",
            "20",
            "40",
            52,
            104,
            "15000",
            "40000",
        ),
        (
            noord,
            TeamRole.BESLISSER,
            DecisionType.INDIVIDUELE_VOORZIENING,
            "45",
            None,
            None,
            12,
            26,
            "3000",
            "10000",
        ),
        (noord, TeamRole.BESLISSER, DecisionType.AFWIJZING, "", None, None, None, None, None, None),
        (
            noord,
            TeamRole.GENERALIST,
            DecisionType.LICHTE_ONDERSTEUNING,
            "",
            None,
            None,
            8,
            16,
            None,
            None,
        ),
    ]
    for team, role, dtype, cat, va, vm, wa, wm, ba, bm in rules:
        services.mandate_rule_save(
            actor=actor,
            rule=MandateRule(
                team=team,
                role=role,
                decision_type=dtype,
                product_category=cat,
                volume_alone=Decimal(va) if va else None,
                volume_max=Decimal(vm) if vm else None,
                weeks_alone=wa,
                weeks_max=wm,
                budget_alone=Decimal(ba) if ba else None,
                budget_max=Decimal(bm) if bm else None,
            ),
        )
    return {centrum.name: centrum, noord.name: noord}
