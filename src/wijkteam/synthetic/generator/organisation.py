"""Stage: the municipality, areas, organisations, teams and members with accounts."""

import time
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.utils import translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.organisation.constants import (
    DecisionType,
    Discipline,
    Function,
    OrganisationKind,
    Positioning,
    TargetGroup,
    TeamModel,
    TeamRole,
)
from wijkteam.organisation.models import (
    District,
    MandateRule,
    Membership,
    MembershipRole,
    Municipality,
    Neighbourhood,
    Organisation,
    Team,
    TeamFunction,
)

from .. import names
from .base import _GeneratorBase
from .config import MUNICIPALITY_CODE, MUNICIPALITY_NAME, PASSWORD, totp_key
from .records import Member, TeamInfo


class _OrganisationStage(_GeneratorBase):
    # ---------------------------------------------------------------------------------------
    # the organisation: municipality, areas, organisations, teams, members
    # ---------------------------------------------------------------------------------------

    def organisation(self) -> None:
        started = time.monotonic()
        size = self.size
        municipality = Municipality.objects.create(
            name=MUNICIPALITY_NAME, cbs_code=MUNICIPALITY_CODE
        )
        orgs = [
            ("Gemeente Synthese", OrganisationKind.GEMEENTE, ""),
            ("Stichting Wijkteams Synthese", OrganisationKind.STICHTING_WIJKTEAM, ""),
            ("Welzijn Synthese", OrganisationKind.WELZIJN, ""),
            ("MEE Synthese", OrganisationKind.MEE, ""),
            ("Schuldhulp Synthese", OrganisationKind.SCHULDHULP, ""),
            ("Zorggroep Het Baken", OrganisationKind.ZORGAANBIEDER, "31000001"),
            ("Thuiszorg De Horizon", OrganisationKind.ZORGAANBIEDER, "31000002"),
            ("Dagbesteding De Werf", OrganisationKind.ZORGAANBIEDER, "31000003"),
            ("Jeugdhulp De Brug", OrganisationKind.JEUGDHULP, "31000004"),
            ("Jeugdhulp Kompas", OrganisationKind.JEUGDHULP, "31000005"),
            ("Woonstichting Synthese", OrganisationKind.WONINGCORPORATIE, ""),
            ("GGD Synthese", OrganisationKind.GGD, ""),
        ]
        Organisation.objects.bulk_create(
            [
                Organisation(municipality=municipality, name=n, kind=k, agb_code=agb)
                for n, k, agb in orgs
            ]
        )
        for org in Organisation.objects.filter(municipality=municipality).order_by("pk"):
            self.organisations[org.name] = org
        self.providers = [
            o
            for o in self.organisations.values()
            if o.kind in (OrganisationKind.ZORGAANBIEDER, OrganisationKind.JEUGDHULP)
        ]
        districts = District.objects.bulk_create(
            [
                District(
                    municipality=municipality,
                    name=f"Wijk {t + 1:02d}",
                    cbs_code=f"WK{MUNICIPALITY_CODE[2:]}{t + 1:02d}",
                )
                for t in range(size.teams)
            ]
        )
        districts = list(District.objects.filter(municipality=municipality).order_by("cbs_code"))
        Neighbourhood.objects.bulk_create(
            [
                Neighbourhood(
                    district=d,
                    name=f"Buurt {t + 1:02d}-{n}",
                    cbs_code=f"BU{d.cbs_code[2:]}{n:02d}",
                )
                for t, d in enumerate(districts)
                for n in range(1, 5)
            ]
        )
        stichting = self.organisations["Stichting Wijkteams Synthese"]
        Team.objects.bulk_create(
            [
                Team(
                    municipality=municipality,
                    name=f"Wijkteam {t + 1:02d}",
                    model=TeamModel.INTEGRAAL,
                    positioning=Positioning.UITBESTEED_RECHTSPERSOON,
                    target_group=TargetGroup.ALLE_WIJKBEWONERS,
                    responsible_organisation=stichting,
                    assignment="Eén gezin, één plan, één regisseur.",
                    protocol_deviation_allowed=t % 3 == 0,
                    direct_specialist_deployment=t % 2 == 0,
                )
                for t in range(size.teams)
            ]
        )
        teams = list(Team.objects.filter(municipality=municipality).order_by("name"))
        through = Team.neighbourhoods.through
        hoods = {
            d.pk: list(d.neighbourhoods.order_by("cbs_code").values_list("pk", flat=True))
            for d in districts
        }
        through.objects.bulk_create(
            [
                through(team_id=team.pk, neighbourhood_id=n)
                for team, d in zip(teams, districts, strict=True)
                for n in hoods[d.pk]
            ]
        )
        TeamFunction.objects.bulk_create(
            [TeamFunction(team=t, function=f) for t in teams for f in Function.values]
        )
        MandateRule.objects.bulk_create([rule for t in teams for rule in self._mandate(t)])
        for t, (team, d) in enumerate(zip(teams, districts, strict=True)):
            self.teams.append(TeamInfo(index=t, team_id=team.pk, neighbourhood_ids=hoods[d.pk]))
        self._members(teams)
        self.digest.update(
            repr([(m.username, m.roles, m.team_index) for m in self.members]).encode()
        )
        self._timed("organisatie en teamleden", started)

    @staticmethod
    def _mandate(team: Team) -> list[MandateRule]:
        d = Decimal
        return [
            MandateRule(
                team=team,
                role=TeamRole.BESLISSER,
                decision_type=DecisionType.MAATWERKVOORZIENING,
                volume_alone=d("10"),
                volume_max=d("20"),
                weeks_alone=26,
                weeks_max=52,
                budget_alone=d("5000"),
                budget_max=d("15000"),
            ),
            MandateRule(
                team=team,
                role=TeamRole.BESLISSER,
                decision_type=DecisionType.INDIVIDUELE_VOORZIENING,
                weeks_alone=26,
                weeks_max=52,
                budget_alone=d("5000"),
                budget_max=d("15000"),
            ),
            MandateRule(team=team, role=TeamRole.BESLISSER, decision_type=DecisionType.AFWIJZING),
            MandateRule(
                team=team,
                role=TeamRole.GENERALIST,
                decision_type=DecisionType.LICHTE_ONDERSTEUNING,
                weeks_alone=12,
                weeks_max=26,
            ),
            MandateRule(
                team=team,
                role=TeamRole.TEAMLEIDER,
                decision_type=DecisionType.MAATWERKVOORZIENING,
                volume_alone=d("20"),
                volume_max=d("40"),
                weeks_alone=52,
                weeks_max=104,
                budget_alone=d("15000"),
                budget_max=d("40000"),
            ),
        ]

    def _members(self, teams: list[Team]) -> None:
        size = self.size
        rng = self.rng
        password = make_password(PASSWORD)
        per_team = [size.members // size.teams] * size.teams
        for t in range(size.members % size.teams):
            per_team[t] += 1
        generalist_orgs = [
            ("Welzijn Synthese", Discipline.WELZIJNSWERKER),
            ("Stichting Wijkteams Synthese", Discipline.WELZIJNSWERKER),
            ("Zorggroep Het Baken", Discipline.WIJKVERPLEEGKUNDIGE),
            ("Jeugdhulp De Brug", Discipline.JEUGDHULPVERLENER),
            ("Schuldhulp Synthese", Discipline.SCHULDHULPVERLENER),
            ("Gemeente Synthese", Discipline.CONSULENT_WERK_INKOMEN),
        ]
        users: list[User] = []
        plan: list[tuple[int, str, list[str], str, str]] = []
        for t, count in enumerate(per_team):
            n_beslisser = 3 if count >= 15 else 1
            n_supporter = 2 if count >= 15 else 1
            for i in range(count):
                username = f"syn{t + 1:02d}-{i + 1:02d}"
                if i == 0:
                    roles, org, disc = (
                        [TeamRole.TEAMLEIDER],
                        "Stichting Wijkteams Synthese",
                        Discipline.WELZIJNSWERKER,
                    )
                elif i <= n_beslisser:
                    roles, org, disc = (
                        [TeamRole.GENERALIST, TeamRole.BESLISSER],
                        "Gemeente Synthese",
                        Discipline.WMO_CONSULENT,
                    )
                elif i <= n_beslisser + n_supporter:
                    roles, org, disc = (
                        [TeamRole.CLIENTONDERSTEUNER],
                        "MEE Synthese",
                        Discipline.MEE_CONSULENT,
                    )
                else:
                    org, disc = generalist_orgs[i % len(generalist_orgs)]
                    roles = [TeamRole.GENERALIST]
                female = rng.random() < 0.7
                first = rng.choice(names.FIRST_NAMES_F if female else names.FIRST_NAMES_M)
                prefix, last = rng.choice(names.LAST_NAMES)
                users.append(
                    User(
                        username=username,
                        first_name=first,
                        last_name=f"{prefix} {last}".strip(),
                        email=f"{username}@synthese.example",
                        system_role=SystemRole.PROFESSIONAL,
                        password=password,
                        is_active=True,
                    )
                )
                plan.append((t, username, [str(r) for r in roles], org, str(disc)))
        User.objects.bulk_create(users, batch_size=1000)
        by_name = dict(
            User.objects.filter(username__in=[u.username for u in users]).values_list(
                "username", "pk"
            )
        )
        TOTPDevice.objects.bulk_create(
            [
                TOTPDevice(
                    user_id=by_name[u.username],
                    name="Synthetisch",
                    key=totp_key(u.username),
                    confirmed=True,
                )
                for u in users
            ],
            batch_size=1000,
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    team=teams[t],
                    user_id=by_name[username],
                    organisation=self.organisations[org],
                    discipline=disc,
                    active_from=self.start,
                )
                for t, username, _roles, org, disc in plan
            ],
            batch_size=1000,
        )
        ms = dict(Membership.objects.filter(team__in=teams).values_list("user_id", "pk"))
        MembershipRole.objects.bulk_create(
            [
                MembershipRole(membership_id=ms[by_name[username]], role=role)
                for _t, username, roles, _org, _disc in plan
                for role in roles
            ],
            batch_size=2000,
        )
        with translation.override("nl"):
            labels = {value: str(label) for value, label in TeamRole.choices}
        for t, username, member_roles, org, _disc in plan:
            role_names = [str(r) for r in member_roles]
            member = Member(
                user_id=by_name[username],
                username=username,
                team_index=t,
                roles=role_names,
                organisation_id=self.organisations[org].pk,
                role_label=", ".join(labels[r] for r in role_names),
                organisation_name=org,
            )
            info = self.teams[t]
            info.members.append(member)
            self.members.append(member)
            if TeamRole.TEAMLEIDER in role_names:
                info.leader = member
            if TeamRole.GENERALIST in role_names:
                info.coordinators.append(member)
            if TeamRole.BESLISSER in role_names:
                info.beslissers.append(member)
            if TeamRole.CLIENTONDERSTEUNER in role_names:
                info.supporters.append(member)
