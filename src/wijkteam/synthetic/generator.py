"""A deterministic synthetic municipality, written in bulk (issue 5).

``generate(size=SIZES["small"])`` builds one municipality into an empty database: teams, members
with a password and a TOTP device (for the benchmark's log-in), residents in households with
their informal network, ten years of meldingen and cases through every stage (onderzoek with
kitchen-table conversations and a ZRM measurement, plans with goals and actions, aanvragen and
besluiten with their legal terms, interventions with allocations and time entries,
evaluations), consents where the privacy app has them, and an access log with a valid SHA-256
hash chain (``privacy.access_log.entry_digest`` reproduced exactly, the head set at the end).

Everything comes from one ``random.Random(seed)``: the same size and seed give the same rows.  # noqa: S311 - synthetic data, not security
Rows are written with COPY on PostgreSQL and ``executemany`` on SQLite (see ``writer``); small
set-up tables go through ``bulk_create``.
"""

import base64
import bisect
import datetime
import hashlib
import json
import queue
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam import deadlines
from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.cases import constants as case_constants
from wijkteam.cases.models import (
    Action,
    Allocation,
    Assessment,
    AssessmentScore,
    Case,
    CaseTransition,
    Conversation,
    CoordinatorAssignment,
    Decision,
    Evaluation,
    Goal,
    Instrument,
    InstrumentDomain,
    Intervention,
    Investigation,
    Plan,
    PlanVersion,
    Report,
    TimeEntry,
    TrackedTerm,
)
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
from wijkteam.privacy import constants as privacy_constants
from wijkteam.privacy import models as privacy_models
from wijkteam.privacy.access_log import GENESIS
from wijkteam.privacy.models import AccessLogEntry, AccessLogHead, AccessLogResident
from wijkteam.residents import constants as resident_constants
from wijkteam.residents.models import Household, NetworkMember, Resident

from . import names
from .writer import BulkWriter, FastLoad, next_id, reset_sequences

UTC = datetime.UTC
PASSWORD = "Synthetisch-wachtwoord-2026"  # noqa: S105 - the benchmark's log-in, synthetic data only
MUNICIPALITY_CODE = "GM9998"
MUNICIPALITY_NAME = "Gemeente Synthese"
CITY = "Synthese"
END_DATE = datetime.date(2026, 10, 31)  # the last day of the generated history
DEFAULT_SEED = 5_2026
# Raise when a change alters the generated data: the benchmark then rebuilds a kept database.
DATA_VERSION = 2
Progress = Callable[[str], None]


class _Codes:
    """A code list as plain strings: enum members are slow in a loop of millions of rows."""

    def __init__(self, choices: type[models.TextChoices]) -> None:
        self.values = [str(v) for v in choices.values]
        for member in choices:
            setattr(self, member.name, str(member.value))
        self._choices = choices
        self._labels: dict[str, str] = {}

    def label(self, value: str) -> str:
        if not self._labels:
            with translation.override("nl"):
                self._labels = {str(v): str(lbl) for v, lbl in self._choices.choices}
        return self._labels[value]

    def __getattr__(self, name: str) -> str:  # for mypy: members are set in __init__
        raise AttributeError(name)


ActionStatus = _Codes(case_constants.ActionStatus)
AssessmentMoment = _Codes(case_constants.AssessmentMoment)
CaseState = _Codes(case_constants.CaseState)
Channel = _Codes(case_constants.Channel)
ClosureOutcome = _Codes(case_constants.ClosureOutcome)
DecisionOutcome = _Codes(case_constants.DecisionOutcome)
DecisionStatus = _Codes(case_constants.DecisionStatus)
EvaluationOutcome = _Codes(case_constants.EvaluationOutcome)
Frequency = _Codes(case_constants.Frequency)
GoalStatus = _Codes(case_constants.GoalStatus)
InterventionKind = _Codes(case_constants.InterventionKind)
InterventionStatus = _Codes(case_constants.InterventionStatus)
LawTrack = _Codes(case_constants.LawTrack)
LegalBasis = _Codes(case_constants.LegalBasis)
OwnerKind = _Codes(case_constants.OwnerKind)
ReferrerKind = _Codes(case_constants.ReferrerKind)
ReportStatus = _Codes(case_constants.ReportStatus)
TriageOutcome = _Codes(case_constants.TriageOutcome)
Unit = _Codes(case_constants.Unit)
HouseholdRelation = _Codes(resident_constants.HouseholdRelation)
NetworkRelation = _Codes(resident_constants.NetworkRelation)


@dataclass(frozen=True)
class Size:
    name: str
    teams: int
    members: int
    residents: int
    cases: int
    years: int
    access_log: int
    open_per_coordinator: int
    open_reports_per_team: int


SIZES: dict[str, Size] = {
    "tiny": Size("tiny", 1, 12, 300, 150, 3, 3_000, 6, 6),
    "small": Size("small", 1, 25, 5_000, 2_000, 10, 100_000, 14, 15),
    "city": Size("city", 30, 800, 100_000, 500_000, 10, 10_000_000, 32, 20),
}


def totp_key(username: str) -> str:
    """The fixed TOTP key (hex) of a synthetic member, so the load generator can log in."""
    return hashlib.sha256(f"wijkteam-synthetic-totp:{username}".encode()).hexdigest()[:40]


def totp_secret(username: str) -> str:
    return base64.b32encode(bytes.fromhex(totp_key(username))).decode()


def exists() -> bool:
    return Municipality.objects.filter(cbs_code=MUNICIPALITY_CODE).exists()


def end_date() -> datetime.date:
    """END_DATE, or yesterday on a machine whose clock is behind it (never a future date)."""
    return min(END_DATE, timezone.localdate() - datetime.timedelta(days=1))


@dataclass
class Result:
    size: str
    seed: int
    counts: dict[str, int] = field(default_factory=dict)
    checksum: str = ""
    chain_head: str = ""
    seconds: dict[str, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class Member:
    user_id: int
    username: str
    team_index: int
    roles: list[str]
    organisation_id: int
    role_label: str = ""
    organisation_name: str = ""


@dataclass
class TeamInfo:
    index: int
    team_id: int
    neighbourhood_ids: list[int]
    leader: Member | None = None
    coordinators: list[Member] = field(default_factory=list)
    beslissers: list[Member] = field(default_factory=list)
    supporters: list[Member] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    households: list[int] = field(default_factory=list)
    residents: list[int] = field(default_factory=list)


@dataclass
class HouseholdInfo:
    household_id: int
    team_index: int
    resident_ids: list[int]
    head_id: int
    partner_id: int | None


@dataclass
class CaseRef:
    case_id: int
    opened: int  # date ordinal
    household_index: int
    coordinator: Member
    team_index: int


class _Ids:
    def __init__(self, models_: Sequence[type[models.Model]]) -> None:
        self.next = {m: next_id(m) for m in models_}

    def take(self, model: type[models.Model]) -> int:
        value = self.next[model]
        self.next[model] = value + 1
        return value


def _bsn(number: int) -> str:
    """A valid BSN (elfproef) from an 8-digit stem; None-safe callers skip stems ending in 10."""
    digits = f"{number:08d}"
    total = sum(int(d) * (9 - i) for i, d in enumerate(digits))
    check = total % 11
    return digits + str(check) if check < 10 else ""


def _aware(day: datetime.date, seconds: int) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=UTC) + datetime.timedelta(
        seconds=seconds
    )


class Generator:
    def __init__(self, size: Size, seed: int, progress: Progress) -> None:
        self.size = size
        self.seed = seed
        self.rng = random.Random(seed)  # noqa: S311 - synthetic data, not security
        self.say = progress
        self.end = end_date()
        self.start = self.end - datetime.timedelta(days=365 * size.years)
        self.w = BulkWriter()
        self.result = Result(size=size.name, seed=seed)
        self.digest = hashlib.sha256()
        self.calendar = deadlines.AtwCalendar()
        self._due_cache: dict[tuple[str, datetime.date], datetime.date] = {}
        self.teams: list[TeamInfo] = []
        self.households: list[HouseholdInfo] = []
        self.cases: list[CaseRef] = []
        self.organisations: dict[str, Organisation] = {}
        self.providers: list[Organisation] = []
        self.domains: list[InstrumentDomain] = []
        self.instrument: Instrument | None = None
        self.members: list[Member] = []

    # ---------------------------------------------------------------------------------------
    # helpers
    # ---------------------------------------------------------------------------------------

    def _add(self, model: type[models.Model], values: dict[str, Any]) -> None:
        self.w.add(model, values)

    def _due(self, key: str, start: datetime.date) -> datetime.date:
        cached = self._due_cache.get((key, start))
        if cached is None:
            cached = deadlines.compute_due(key, start, calendar=self.calendar)
            self._due_cache[(key, start)] = cached
        return cached

    def _day(self, day: datetime.date, offset: int) -> datetime.date:
        return min(self.end, day + datetime.timedelta(days=offset))

    def _at(self, day: datetime.date) -> datetime.datetime:
        """A moment during office hours (07:00–16:00 UTC) on ``day``."""
        return _aware(day, self.rng.randrange(7 * 3600, 16 * 3600))

    def _timed(self, label: str, started: float) -> None:
        self.result.seconds[label] = round(time.monotonic() - started, 1)

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

    # ---------------------------------------------------------------------------------------
    # residents and households
    # ---------------------------------------------------------------------------------------

    def residents(self) -> None:
        started = time.monotonic()
        rng = self.rng
        size = self.size
        municipality_id = Municipality.objects.get(cbs_code=MUNICIPALITY_CODE).pk
        ids = _Ids([Household, Resident, NetworkMember])
        per_team = size.residents // size.teams
        bsn_stem = 10_000_000 + rng.randrange(0, 1_000_000)
        created = self._at(self.start)
        for team in self.teams:
            remaining = per_team + (
                size.residents - per_team * size.teams if team.index == 0 else 0
            )
            while remaining > 0:
                n = min(remaining, rng.choices((1, 2, 3, 4, 5), (35, 30, 15, 15, 5))[0])
                remaining -= n
                hid = ids.take(Household)
                prefix, last = rng.choice(names.LAST_NAMES)
                family = f"{prefix} {last}".strip()
                self._add(
                    Household,
                    {
                        "id": hid,
                        "municipality_id": municipality_id,
                        "name": f"Huishouden {family}",
                        "created_at": created,
                    },
                )
                hood = rng.choice(team.neighbourhood_ids)
                street = rng.choice(names.STREETS)
                number = str(rng.randint(1, 250))
                postcode = f"{rng.randint(1000, 9999)}{rng.choice('ABCEGHJKLMNPRTVWXZ')}{rng.choice('ABCEGHJKLMNPRTVWXZ')}"
                members: list[int] = []
                partner_id: int | None = None
                for k in range(n):
                    if k == 0:
                        relation, age = HouseholdRelation.HOOFDBEWONER, rng.randint(19, 94)
                    elif k == 1 and rng.random() < 0.6:
                        relation, age = HouseholdRelation.PARTNER, rng.randint(19, 90)
                    else:
                        relation, age = HouseholdRelation.KIND, rng.randint(0, 17)
                    female = rng.random() < 0.5
                    rid = ids.take(Resident)
                    bsn = ""
                    if rng.random() < 0.96:
                        while not bsn:
                            bsn = _bsn(bsn_stem)
                            bsn_stem += 1
                    born = self.end - datetime.timedelta(days=365 * age + rng.randrange(365))
                    own_last = (
                        (prefix, last)
                        if relation != HouseholdRelation.PARTNER
                        else rng.choice(names.LAST_NAMES)
                    )
                    self._add(
                        Resident,
                        {
                            "id": rid,
                            "version": 1,
                            "municipality_id": municipality_id,
                            "household_id": hid,
                            "household_relation": relation,
                            "bsn": bsn,
                            "first_name": rng.choice(
                                names.FIRST_NAMES_F if female else names.FIRST_NAMES_M
                            ),
                            "name_prefix": own_last[0],
                            "last_name": own_last[1],
                            "date_of_birth": born,
                            "street": street,
                            "house_number": number,
                            "postcode": postcode,
                            "city": CITY,
                            "neighbourhood_id": hood,
                            "phone": f"06{rng.randrange(10**8):08d}" if rng.random() < 0.7 else "",
                            "email": f"inwoner{rid}@voorbeeld.example"
                            if rng.random() < 0.4
                            else "",
                            "interpreter_language": "Arabisch" if rng.random() < 0.04 else "",
                            "plain_language": rng.random() < 0.1,
                            "intake_team_id": team.team_id,
                            "created_at": created,
                        },
                    )
                    members.append(rid)
                    if relation == HouseholdRelation.PARTNER:
                        partner_id = rid
                if rng.random() < 0.35:
                    for _ in range(rng.choice((1, 1, 2))):
                        load = rng.choices((1, 2, 3, 4), (50, 30, 15, 5))[0]
                        self._add(
                            NetworkMember,
                            {
                                "id": ids.take(NetworkMember),
                                "version": 1,
                                "household_id": hid,
                                "name": f"{rng.choice(names.FIRST_NAMES_F)} {rng.choice(names.LAST_NAMES)[1]}",
                                "relation": rng.choice(NetworkRelation.values),
                                "supports_id": members[0],
                                "phone": f"06{rng.randrange(10**8):08d}",
                                "what_they_do": rng.choice(names.NETWORK_WHAT),
                                "load": load,
                                "load_assessed_on": self._day(self.end, -rng.randrange(700)),
                            },
                        )
                team.households.append(len(self.households))
                team.residents.extend(members)
                self.households.append(
                    HouseholdInfo(hid, team.index, members, members[0], partner_id)
                )
                if len(self.households) % 2000 == 0:
                    self.w.flush()
        self.w.flush()
        self.say(
            f"inwoners: {size.residents:,} in {len(self.households):,} huishoudens "
            f"({time.monotonic() - started:.0f} s)"
        )
        self._timed("inwoners en huishoudens", started)

    # ---------------------------------------------------------------------------------------
    # cases
    # ---------------------------------------------------------------------------------------

    def cases_(self) -> None:
        started = time.monotonic()
        rng = self.rng
        size = self.size
        self.instrument = Instrument.objects.filter(code="zrm2017").first()
        self.domains = (
            list(InstrumentDomain.objects.filter(instrument=self.instrument).order_by("order"))
            if self.instrument
            else []
        )
        if not self.domains:
            self.result.notes.append(
                "geen ZRM-instrument gevonden: metingen en leefgebieden overgeslagen"
            )
        ids = _Ids(
            [
                Case,
                Report,
                CaseTransition,
                CoordinatorAssignment,
                TrackedTerm,
                Investigation,
                Conversation,
                Assessment,
                AssessmentScore,
                Plan,
                Goal,
                Action,
                PlanVersion,
                Decision,
                Intervention,
                Allocation,
                TimeEntry,
                Evaluation,
            ]
        )
        self._ids = ids
        for model in (
            Case, Case.involved_members.through, Report, CoordinatorAssignment, CaseTransition,
            Investigation, Conversation, Conversation.residents.through, Assessment,
            AssessmentScore, Plan, Goal, Action, PlanVersion, Decision, TrackedTerm, Intervention,
            Allocation, TimeEntry, Evaluation,
        ):  # fmt: skip
            self.w.table(model)  # parents are written before their children
        self._conv_through = Conversation.residents.through
        self._involved_through = Case.involved_members.through
        self._through_ids = {
            self._conv_through: next_id(self._conv_through),
            self._involved_through: next_id(self._involved_through),
        }
        span = (self.end - self.start).days
        per_team_cases = size.cases // size.teams
        done = 0
        for team in self.teams:
            n_cases = per_team_cases + (
                size.cases - per_team_cases * size.teams if team.index == 0 else 0
            )
            weights = [rng.paretovariate(2.0) for _ in team.households]
            picks = rng.choices(team.households, weights=weights, k=n_cases)
            per_household: dict[int, int] = {}
            for h in picks:
                per_household[h] = per_household.get(h, 0) + 1
            with_cases = sorted(per_household)
            target_open = len(team.coordinators) * size.open_per_coordinator
            p_open = min(0.95, target_open / max(1, len(with_cases)))
            for h in with_cases:
                m = per_household[h]
                slot = span / m
                previous_close = self.start
                for j in range(m):
                    slot_start = self.start + datetime.timedelta(days=int(j * slot))
                    opened = max(
                        previous_close + datetime.timedelta(days=1),
                        slot_start
                        + datetime.timedelta(days=rng.randrange(0, max(1, int(slot * 0.3)))),
                    )
                    last = j == m - 1
                    if last and rng.random() < p_open:
                        recent = self.end - datetime.timedelta(days=rng.randrange(3, 540))
                        opened = max(opened, recent)
                        if opened >= self.end:
                            opened = self.end - datetime.timedelta(days=1)
                        closed = None
                    else:
                        slot_end = (
                            self.start
                            + datetime.timedelta(days=int((j + 1) * slot))
                            - datetime.timedelta(days=1)
                        )
                        duration = int(min(700, max(7, rng.lognormvariate(4.6, 0.7))))
                        closed = min(opened + datetime.timedelta(days=duration), slot_end, self.end)
                        if closed < opened:
                            closed = opened
                    self._case(team, h, opened, closed)
                    previous_close = closed or opened
                    done += 1
                    if done % 5000 == 0:
                        self.w.flush()
                    if done % 50000 == 0:
                        self.say(
                            f"casussen: {done:,} van {size.cases:,} ({time.monotonic() - started:.0f} s)"
                        )
            self._open_reports(team)
            self._loose_reports(team, n_cases // 4)
        self.w.flush()
        # Every value above came from self.rng: its final state fingerprints the whole data set.
        self.digest.update(repr(self.rng.getstate()).encode())
        self.say(f"casussen: {done:,} ({time.monotonic() - started:.0f} s)")
        self._timed("meldingen en casussen", started)

    def _timeline(
        self, opened: datetime.date, closed: datetime.date | None, light: bool
    ) -> tuple[str, dict[str, datetime.date]]:
        """The states reached and the day each was entered."""
        rng = self.rng
        if closed is None:
            state = rng.choices(
                [
                    CaseState.AANGEMELD,
                    CaseState.ONDERZOEK,
                    CaseState.PLAN,
                    CaseState.UITVOERING,
                    CaseState.EVALUATIE,
                ],
                [10, 20, 15, 45, 10],
            )[0]
        else:
            state = rng.choices(
                [
                    CaseState.AANGEMELD,
                    CaseState.ONDERZOEK,
                    CaseState.PLAN,
                    CaseState.UITVOERING,
                    CaseState.EVALUATIE,
                ],
                [15, 10, 8, 35, 32],
            )[0]
        if light and state in (CaseState.ONDERZOEK, CaseState.PLAN):
            light = False
        path = [CaseState.AANGEMELD]
        if light and state != CaseState.AANGEMELD:
            path += [CaseState.UITVOERING] + (
                [CaseState.EVALUATIE] if state == CaseState.EVALUATIE else []
            )
        else:
            for s in (
                CaseState.ONDERZOEK,
                CaseState.PLAN,
                CaseState.UITVOERING,
                CaseState.EVALUATIE,
            ):
                if path[-1] == state:
                    break
                path.append(s)
        gaps = {
            CaseState.ONDERZOEK: rng.randint(1, 10),
            CaseState.PLAN: rng.randint(14, 42),
            CaseState.UITVOERING: rng.randint(5, 30),
            CaseState.EVALUATIE: rng.randint(60, 180),
        }
        offsets = [0]
        for s in path[1:]:
            offsets.append(offsets[-1] + gaps[s])
        limit = ((closed or self.end) - opened).days
        if offsets[-1] > limit:
            scale = limit / offsets[-1] if offsets[-1] else 0
            offsets = [int(o * scale) for o in offsets]
        dates = {s: opened + datetime.timedelta(days=o) for s, o in zip(path, offsets, strict=True)}
        return ("light" if light else "full"), dates

    def _case(
        self, team: TeamInfo, h: int, opened: datetime.date, closed: datetime.date | None
    ) -> None:
        rng = self.rng
        ids = self._ids
        hh = self.households[h]
        coordinator = rng.choice(team.coordinators)
        law = rng.choices(LawTrack.values, [55, 30, 10, 5])[0]
        kind, dates = self._timeline(opened, closed, light=rng.random() < 0.2)
        reached = list(dates)
        current = CaseState.AFGESLOTEN if closed else reached[-1]
        case_id = ids.take(Case)
        supporter = None
        if team.supporters and rng.random() < 0.15:
            supporter = rng.choice(team.supporters)
        leader = team.leader or coordinator
        handover = rng.random() < 0.1 and len(team.coordinators) > 1
        first_coordinator = coordinator
        if handover:
            first_coordinator = rng.choice([c for c in team.coordinators if c is not coordinator])
        outcome = ""
        if closed:
            outcome = rng.choices(ClosureOutcome.values, [45, 25, 10, 10, 10])[0]
        self._add(
            Case,
            {
                "id": case_id,
                "version": len(reached) + (1 if closed else 0) + (1 if handover else 0),
                "household_id": hh.household_id,
                "team_id": team.team_id,
                "law_track": law,
                "state": current,
                "coordinator_id": coordinator.user_id,
                "client_supporter_id": supporter.user_id if supporter else None,
                "opened_on": opened,
                "closed_on": closed,
                "closure_reason": "Doelen besproken bij de afsluiting." if closed else "",
                "closure_outcome": outcome,
                "updated_at": self._at(closed or max(dates.values())),
            },
        )
        self.cases.append(CaseRef(case_id, opened.toordinal(), h, coordinator, team.index))
        if rng.random() < 0.25:
            others = [c for c in team.coordinators if c is not coordinator]
            if others:
                self._add(
                    self._involved_through,
                    {
                        "id": self._take_through(self._involved_through),
                        "case_id": case_id,
                        "user_id": rng.choice(others).user_id,
                    },
                )
        # the melding that led to the case
        received = _aware(
            opened - datetime.timedelta(days=rng.randint(0, 5)), rng.randrange(7 * 3600, 16 * 3600)
        )
        triage = TriageOutcome.LICHTE_ONDERSTEUNING if kind == "light" else TriageOutcome.ONDERZOEK
        self._add(
            Report,
            {
                "id": ids.take(Report),
                "team_id": team.team_id,
                "resident_id": hh.head_id,
                "channel": rng.choice(Channel.values),
                "referrer_kind": rng.choices(ReferrerKind.values, [40, 20, 10, 10, 5, 5, 10])[0],
                "referrer_name": "",
                "question": rng.choice(names.QUESTIONS),
                "received_at": received,
                "law_track": law,
                "informed_about_client_support": True,
                "status": ReportStatus.CASUS,
                "triage_outcome": triage,
                "triage_note": "",
                "referred_to_id": None,
                "triaged_by_id": coordinator.user_id,
                "triaged_at": self._at(opened),
                "case_id": case_id,
                "created_by_id": coordinator.user_id,
                "created_at": received,
            },
        )
        # coordinator history
        if handover:
            mid = opened + ((closed or self.end) - opened) / 2
            self._add(
                CoordinatorAssignment,
                {
                    "id": ids.take(CoordinatorAssignment),
                    "case_id": case_id,
                    "coordinator_id": first_coordinator.user_id,
                    "started_at": self._at(opened),
                    "ended_at": self._at(mid),
                    "handover_note": "Overgedragen wegens wijziging in de caseload.",
                    "assigned_by_id": leader.user_id,
                },
            )
            self._add(
                CoordinatorAssignment,
                {
                    "id": ids.take(CoordinatorAssignment),
                    "case_id": case_id,
                    "coordinator_id": coordinator.user_id,
                    "started_at": self._at(mid),
                    "ended_at": None,
                    "handover_note": "",
                    "assigned_by_id": leader.user_id,
                },
            )
        else:
            self._add(
                CoordinatorAssignment,
                {
                    "id": ids.take(CoordinatorAssignment),
                    "case_id": case_id,
                    "coordinator_id": coordinator.user_id,
                    "started_at": self._at(opened),
                    "ended_at": None,
                    "handover_note": "",
                    "assigned_by_id": coordinator.user_id,
                },
            )
        # transitions
        previous = ""
        for state, day in dates.items():
            self._add(
                CaseTransition,
                {
                    "id": ids.take(CaseTransition),
                    "case_id": case_id,
                    "from_state": previous,
                    "to_state": state,
                    "at": self._at(day),
                    "by_id": coordinator.user_id,
                    "reason": "geopend na melding" if not previous else "",
                },
            )
            previous = state
        if closed:
            self._add(
                CaseTransition,
                {
                    "id": ids.take(CaseTransition),
                    "case_id": case_id,
                    "from_state": previous,
                    "to_state": CaseState.AFGESLOTEN,
                    "at": self._at(closed),
                    "by_id": coordinator.user_id,
                    "reason": "afgesloten",
                },
            )
        melding_day = received.date()
        # onderzoek
        if CaseState.ONDERZOEK in dates:
            started_on = dates[CaseState.ONDERZOEK]
            done = dates.get(CaseState.PLAN)
            if law == LawTrack.WMO:
                for key in ("wmo_onderzoek", "wmo_persoonlijk_plan"):
                    met = (
                        done
                        if key == "wmo_onderzoek"
                        else (melding_day if rng.random() < 0.3 else None)
                    )
                    if met is None and closed:
                        met = closed
                    self._add(
                        TrackedTerm,
                        {
                            "id": ids.take(TrackedTerm),
                            "case_id": case_id,
                            "key": key,
                            "variant": "",
                            "starts_on": melding_day,
                            "due_on": self._due(key, melding_day),
                            "met_on": met,
                            "decision_id": None,
                        },
                    )
            inv_id = ids.take(Investigation)
            self._add(
                Investigation,
                {
                    "id": inv_id,
                    "case_id": case_id,
                    "started_on": started_on,
                    "completed_on": done,
                    "personal_plan_received_on": None,
                    "personal_plan_summary": "",
                    "conclusion": "Ondersteuning nodig bij het huishouden en de administratie."
                    if done
                    else "",
                    "report_handed_on": self._day(done, rng.randint(0, 5)) if done else None,
                },
            )
            held = self._day(started_on, rng.randint(0, 7))
            if done and held > done:
                held = done
            conv_id = ids.take(Conversation)
            self._add(
                Conversation,
                {
                    "id": conv_id,
                    "investigation_id": inv_id,
                    "held_on": held,
                    "place": "Bij de inwoner thuis",
                    "client_supporter_present": supporter is not None,
                    "other_participants": "",
                    "summary": "Keukentafelgesprek over de vraag, eigen kracht en het netwerk.",
                    "recorded_by_id": coordinator.user_id,
                },
            )
            for rid in [hh.head_id] + ([hh.partner_id] if hh.partner_id else []):
                self._add(
                    self._conv_through,
                    {
                        "id": self._take_through(self._conv_through),
                        "conversation_id": conv_id,
                        "resident_id": rid,
                    },
                )
            if self.domains:
                self._assessment(case_id, hh.head_id, coordinator, held, AssessmentMoment.INTAKE)
                if closed and CaseState.EVALUATIE in dates and rng.random() < 0.5:
                    self._assessment(
                        case_id, hh.head_id, coordinator, closed, AssessmentMoment.EIND
                    )
        # plan
        granted: tuple[int, dict[str, Any]] | None = None
        if CaseState.PLAN in dates:
            self._plan(case_id, dates, closed, coordinator, team)
            if law in (LawTrack.WMO, LawTrack.JEUGDWET) and rng.random() < 0.6:
                for _ in range(2 if rng.random() < 0.1 else 1):
                    decided = self._decision(
                        case_id, hh, law, dates, closed, current, coordinator, team
                    )
                    if decided is not None and granted is None:
                        granted = decided
        # uitvoering
        if CaseState.UITVOERING in dates:
            self._interventions(case_id, kind, dates, closed, coordinator, granted)
            planned = dates[CaseState.UITVOERING] + datetime.timedelta(days=90)
            held_on = dates.get(CaseState.EVALUATIE) or closed
            ev_outcome = ""
            if held_on is not None:
                ev_outcome = (
                    EvaluationOutcome.AFSLUITEN
                    if closed
                    else rng.choice(
                        [
                            EvaluationOutcome.VOORTZETTEN,
                            EvaluationOutcome.AFSCHALEN,
                            EvaluationOutcome.OPSCHALEN,
                        ]
                    )
                )
            self._add(
                Evaluation,
                {
                    "id": ids.take(Evaluation),
                    "case_id": case_id,
                    "planned_on": planned,
                    "held_on": held_on,
                    "outcome": ev_outcome,
                    "notes": "Doelen samen met de inwoner doorgelopen." if held_on else "",
                    "held_by_id": coordinator.user_id if held_on else None,
                },
            )

    def _take_through(self, model: type[models.Model]) -> int:
        value = self._through_ids[model]
        self._through_ids[model] = value + 1
        return value

    def _assessment(
        self, case_id: int, resident_id: int, by: Member, day: datetime.date, moment: str
    ) -> None:
        rng = self.rng
        aid = self._ids.take(Assessment)
        self._add(
            Assessment,
            {
                "id": aid,
                "case_id": case_id,
                "resident_id": resident_id,
                "instrument_id": self.instrument.pk if self.instrument else None,
                "moment": moment,
                "measured_on": day,
                "measured_by_id": by.user_id,
            },
        )
        for domain in rng.sample(self.domains, 4):
            self._add(
                AssessmentScore,
                {
                    "id": self._ids.take(AssessmentScore),
                    "assessment_id": aid,
                    "domain_id": domain.pk,
                    "score": rng.randint(1, 5),
                    "reason": f"Aanleiding van de vraag: {domain.name.lower()}.",
                },
            )

    def _plan(
        self,
        case_id: int,
        dates: dict[str, datetime.date],
        closed: datetime.date | None,
        by: Member,
        team: TeamInfo,
    ) -> None:
        rng = self.rng
        ids = self._ids
        day = dates[CaseState.PLAN]
        agreed = (
            self._day(day, rng.randint(0, 7))
            if (CaseState.UITVOERING in dates or rng.random() < 0.5)
            else None
        )
        plan_id = ids.take(Plan)
        self._add(
            Plan,
            {
                "id": plan_id,
                "version": 1,
                "case_id": case_id,
                "discussed_on": day,
                "agreed_on": agreed,
                "agreement_note": "Mondeling aan de keukentafel" if agreed else "",
                "updated_at": self._at(agreed or day),
            },
        )
        goals = []
        for order in range(rng.choice((1, 2, 2, 3))):
            gid = ids.take(Goal)
            domain = rng.choice(self.domains) if self.domains else None
            status = GoalStatus.OPEN if not closed else rng.choice(GoalStatus.values[1:])
            text = rng.choice(names.GOALS)
            self._add(
                Goal,
                {
                    "id": gid,
                    "plan_id": plan_id,
                    "domain_id": domain.pk if domain else None,
                    "text": text,
                    "status": status,
                    "order": order,
                },
            )
            goals.append(
                {
                    "id": gid,
                    "domain": domain.code if domain else "",
                    "domain_name": domain.name if domain else "",
                    "text": text,
                    "status": status,
                    "status_label": GoalStatus.label(status),
                }
            )
        actions = []
        for k in range(rng.choice((1, 2, 2, 3))):
            aid = ids.take(Action)
            kind = rng.choices(OwnerKind.values, [30, 25, 25, 10, 10])[0]
            owner_user = by.user_id if kind == OwnerKind.TEAM else None
            owner_org = rng.choice(self.providers).pk if kind == OwnerKind.AANBIEDER else None
            owner_name = {
                OwnerKind.INWONER: "Inwoner",
                OwnerKind.NETWERK: "Buurvrouw",
                OwnerKind.ALGEMENE_VOORZIENING: "Buurthuis De Schakel",
            }.get(kind, "")
            due = self._day(day, rng.randint(14, 120))
            status = (
                ActionStatus.GEDAAN
                if closed
                else rng.choice((ActionStatus.OPEN, ActionStatus.BEZIG))
            )
            description = rng.choice(names.ACTIONS)
            goal_index = k % len(goals)
            self._add(
                Action,
                {
                    "id": aid,
                    "plan_id": plan_id,
                    "goal_id": goals[goal_index]["id"],
                    "description": description,
                    "owner_kind": kind,
                    "owner_name": owner_name,
                    "owner_user_id": owner_user,
                    "owner_organisation_id": owner_org,
                    "due_on": due,
                    "status": status,
                },
            )
            actions.append(
                {
                    "id": aid,
                    "goal": goal_index,
                    "description": description,
                    "owner_kind": kind,
                    "owner_kind_label": OwnerKind.label(kind),
                    "owner_name": owner_name,
                    "owner_user": owner_user,
                    "owner_organisation": owner_org,
                    "owner": OwnerKind.label(kind),
                    "due_on": due.isoformat(),
                    "status": status,
                    "status_label": ActionStatus.label(status),
                }
            )
        self._add(
            PlanVersion,
            {
                "id": ids.take(PlanVersion),
                "plan_id": plan_id,
                "number": 1,
                "snapshot": {
                    "version": 1,
                    "discussed_on": day.isoformat(),
                    "agreed_on": agreed.isoformat() if agreed else None,
                    "agreement_note": "Mondeling aan de keukentafel" if agreed else "",
                    "goals": goals,
                    "actions": actions,
                },
                "changes": ["Plan opgesteld."],
                "changed_by_id": by.user_id,
                "changed_at": self._at(day),
            },
        )

    def _decision(
        self,
        case_id: int,
        hh: HouseholdInfo,
        law: str,
        dates: dict[str, datetime.date],
        closed: datetime.date | None,
        current: str,
        coordinator: Member,
        team: TeamInfo,
    ) -> tuple[int, dict[str, Any]] | None:
        rng = self.rng
        ids = self._ids
        requested = self._day(dates[CaseState.PLAN], rng.randint(0, 10))
        if law == LawTrack.WMO:
            category = rng.choice(("01", "02", "03", "07", "08", "13", "14"))
            unit, frequency, volume = (
                Unit.UUR,
                Frequency.PER_WEEK,
                Decimal(rng.choice((2, 3, 4, 6, 8))),
            )
            basis, term_key = LegalBasis.WMO_2_3_5, "wmo_beschikking"
        else:
            category = rng.choice(("41", "45", "51", "54"))
            unit, frequency, volume = Unit.UUR, Frequency.PER_MAAND, Decimal(rng.choice((4, 8, 12)))
            basis, term_key = LegalBasis.JW_2_3, "jeugd_beslissing"
        if closed is None and current == CaseState.PLAN:
            status = rng.choices(
                [
                    DecisionStatus.AANGEVRAAGD,
                    DecisionStatus.WACHT_OP_AKKOORD,
                    DecisionStatus.BESLOTEN,
                ],
                [60, 10, 30],
            )[0]
        else:
            status = DecisionStatus.BESLOTEN
        decider = rng.choice(team.beslissers) if team.beslissers else coordinator
        decided_day = (
            self._day(requested, rng.randint(3, 13))
            if status != DecisionStatus.AANGEVRAAGD
            else None
        )
        outcome = ""
        if decided_day:
            outcome = rng.choices(DecisionOutcome.values, [80, 8, 12])[0]
        starts = decided_day or requested
        made_known = (
            self._day(decided_day, rng.randint(0, 3))
            if status == DecisionStatus.BESLOTEN and decided_day
            else None
        )
        did = ids.take(Decision)
        budget = (volume * Decimal("52") * Decimal("35.00")).quantize(Decimal("0.01"))
        values = {
            "id": did,
            "case_id": case_id,
            "resident_id": hh.head_id,
            "law": law,
            "product_category": category,
            "product_code": "",
            "volume": volume,
            "unit": unit,
            "frequency": frequency,
            "starts_on": starts,
            "ends_on": starts + datetime.timedelta(weeks=rng.choice((12, 26, 52))),
            "budget": budget,
            "requested_on": requested,
            "status": status,
            "outcome": outcome,
            "motivation": "Uit het onderzoek blijkt dat de inwoner dit niet zelf of met het netwerk kan oplossen."
            if decided_day
            else "",
            "legal_basis": basis if decided_day else "",
            "deviates_from_protocol": False,
            "deviation_justification": "",
            "decided_by_id": decider.user_id if decided_day else None,
            "decided_at": self._at(decided_day) if decided_day else None,
            "needs_second_approval": status == DecisionStatus.WACHT_OP_AKKOORD,
            "approved_by_id": None,
            "approved_at": None,
            "made_known_on": made_known,
            "created_by_id": coordinator.user_id,
            "created_at": self._at(requested),
        }
        self._add(Decision, values)
        self._add(
            TrackedTerm,
            {
                "id": ids.take(TrackedTerm),
                "case_id": case_id,
                "key": term_key,
                "variant": "",
                "starts_on": requested,
                "due_on": self._due(term_key, requested),
                "met_on": decided_day,
                "decision_id": did,
            },
        )
        if made_known and (self.end - made_known).days < 60:
            self._add(
                TrackedTerm,
                {
                    "id": ids.take(TrackedTerm),
                    "case_id": case_id,
                    "key": "bezwaar",
                    "variant": "",
                    "starts_on": made_known,
                    "due_on": self._due("bezwaar", made_known),
                    "met_on": None,
                    "decision_id": did,
                },
            )
        if status == DecisionStatus.BESLOTEN and outcome != DecisionOutcome.AFGEWEZEN:
            return did, values
        return None

    def _interventions(
        self,
        case_id: int,
        kind: str,
        dates: dict[str, datetime.date],
        closed: datetime.date | None,
        by: Member,
        granted: tuple[int, dict[str, Any]] | None,
    ) -> None:
        rng = self.rng
        ids = self._ids
        begin = dates[CaseState.UITVOERING]
        kinds: list[str] = []
        if granted is not None:
            kinds.append(InterventionKind.MAATWERK)
        if kind == "light" or not kinds or rng.random() < 0.4:
            kinds.append(
                rng.choice(
                    (InterventionKind.LICHTE_ONDERSTEUNING, InterventionKind.ALGEMENE_VOORZIENING)
                )
            )
        for k in kinds:
            iid = ids.take(Intervention)
            self._add(
                Intervention,
                {
                    "id": iid,
                    "case_id": case_id,
                    "kind": k,
                    "description": {
                        InterventionKind.MAATWERK: "Maatwerkvoorziening volgens beschikking",
                        InterventionKind.LICHTE_ONDERSTEUNING: "Wekelijks huisbezoek en hulp bij de administratie",
                        InterventionKind.ALGEMENE_VOORZIENING: "Verwijzing naar het buurthuis",
                    }[k],
                    "provision_name": "Buurthuis De Schakel"
                    if k == InterventionKind.ALGEMENE_VOORZIENING
                    else "",
                    "delivered_by_id": by.user_id
                    if k == InterventionKind.LICHTE_ONDERSTEUNING
                    else None,
                    "starts_on": begin,
                    "ends_on": closed,
                    "status": InterventionStatus.BEEINDIGD if closed else InterventionStatus.LOOPT,
                    "created_by_id": by.user_id,
                },
            )
            if k == InterventionKind.MAATWERK and granted is not None:
                did, dec = granted
                self._add(
                    Allocation,
                    {
                        "id": ids.take(Allocation),
                        "intervention_id": iid,
                        "decision_id": did,
                        "provider_id": rng.choice(self.providers).pk,
                        "product_category": dec["product_category"],
                        "product_code": "",
                        "volume": dec["volume"],
                        "unit": dec["unit"],
                        "frequency": dec["frequency"],
                        "allocation_number": f"SYN{iid:010d}",
                        "own_employer": False,
                        "own_employer_reason": "",
                        "allocated_by_id": by.user_id,
                        "allocated_at": self._at(begin),
                    },
                )
            if k == InterventionKind.LICHTE_ONDERSTEUNING:
                for n in range(2):
                    self._add(
                        TimeEntry,
                        {
                            "id": ids.take(TimeEntry),
                            "intervention_id": iid,
                            "member_id": by.user_id,
                            "worked_on": self._day(begin, 7 * n),
                            "hours": Decimal(rng.choice(("1.00", "1.50", "2.00", "3.00"))),
                            "note": "",
                        },
                    )

    def _open_reports(self, team: TeamInfo) -> None:
        rng = self.rng
        for _ in range(self.size.open_reports_per_team):
            hh = self.households[rng.choice(team.households)]
            received = self._at(self.end - datetime.timedelta(days=rng.randrange(0, 14)))
            creator = rng.choice(team.members)
            self._add(
                Report,
                {
                    "id": self._ids.take(Report),
                    "team_id": team.team_id,
                    "resident_id": hh.head_id,
                    "channel": rng.choice(Channel.values),
                    "referrer_kind": rng.choice(ReferrerKind.values),
                    "referrer_name": "",
                    "question": rng.choice(names.QUESTIONS),
                    "received_at": received,
                    "law_track": rng.choice(LawTrack.values),
                    "informed_about_client_support": True,
                    "status": ReportStatus.OPEN,
                    "triage_outcome": "",
                    "triage_note": "",
                    "referred_to_id": None,
                    "triaged_by_id": None,
                    "triaged_at": None,
                    "case_id": None,
                    "created_by_id": creator.user_id,
                    "created_at": received,
                },
            )

    def _loose_reports(self, team: TeamInfo, count: int) -> None:
        """Meldingen handled without a case: information and advice, referral, no action."""
        rng = self.rng
        span = (self.end - self.start).days
        for _ in range(count):
            hh = self.households[rng.choice(team.households)]
            received = self._at(self.start + datetime.timedelta(days=rng.randrange(span)))
            outcome = rng.choices(
                [TriageOutcome.INFORMATIE_ADVIES, TriageOutcome.VERWEZEN, TriageOutcome.GEEN_ACTIE],
                [60, 30, 10],
            )[0]
            who = rng.choice(team.members)
            self._add(
                Report,
                {
                    "id": self._ids.take(Report),
                    "team_id": team.team_id,
                    "resident_id": hh.head_id,
                    "channel": rng.choice(Channel.values),
                    "referrer_kind": rng.choice(ReferrerKind.values),
                    "referrer_name": "",
                    "question": rng.choice(names.QUESTIONS),
                    "received_at": received,
                    "law_track": rng.choice(LawTrack.values),
                    "informed_about_client_support": True,
                    "status": ReportStatus.AFGEHANDELD,
                    "triage_outcome": outcome,
                    "triage_note": "Advies gegeven over de mogelijkheden in de wijk.",
                    "referred_to_id": rng.choice(self.providers).pk
                    if outcome == TriageOutcome.VERWEZEN
                    else None,
                    "triaged_by_id": who.user_id,
                    "triaged_at": received + datetime.timedelta(days=2),
                    "case_id": None,
                    "created_by_id": who.user_id,
                    "created_at": received,
                },
            )

    # ---------------------------------------------------------------------------------------
    # consents (only when the privacy app has a Consent model)
    # ---------------------------------------------------------------------------------------

    def consents(self) -> None:
        consent_model = getattr(privacy_models, "Consent", None)
        if consent_model is None:
            self.result.notes.append(
                "toestemmingen overgeslagen: privacy.models heeft geen Consent"
            )
            return
        started = time.monotonic()
        rng = random.Random(self.seed + 1)  # noqa: S311 - synthetic data, not security
        all_categories = sorted(getattr(privacy_constants, "ALL_CATEGORIES", ()))
        decider_categories = ["basisgegevens", "besluiten", "interventies", "onderzoek", "plan"]
        supporter_categories = ["basisgegevens", "besluiten", "netwerk", "onderzoek", "plan"]
        open_cases = list(
            Case.objects.filter(team__municipality__cbs_code=MUNICIPALITY_CODE)
            .exclude(state=CaseState.AFGESLOTEN)
            .order_by("pk")
            .values_list(
                "pk", "household_id", "opened_on", "coordinator_id", "client_supporter_id",
                "team_id", "team__responsible_organisation_id",
            )
        )  # fmt: skip
        employer = {
            (user_id, team_id): org_id
            for user_id, team_id, org_id in Membership.objects.filter(
                team__municipality__cbs_code=MUNICIPALITY_CODE
            ).values_list("user_id", "team_id", "organisation_id")
        }
        deciders: dict[int, set[int]] = {}
        for user_id, team_id in Membership.objects.filter(
            team__municipality__cbs_code=MUNICIPALITY_CODE, roles__role=TeamRole.BESLISSER
        ).values_list("user_id", "team_id"):
            deciders.setdefault(team_id, set()).add(employer[(user_id, team_id)])
        involved: dict[int, list[int]] = {}
        through = Case.involved_members.through
        for case_id, user_id in through.objects.filter(
            case_id__in=[c[0] for c in open_cases]
        ).values_list("case_id", "user_id"):
            involved.setdefault(case_id, []).append(user_id)
        heads = dict(
            Resident.objects.filter(
                household_id__in=[c[1] for c in open_cases],
                household_relation=HouseholdRelation.HOOFDBEWONER,
            ).values_list("household_id", "pk")
        )
        objs: list[dict[str, Any]] = []

        def consent(resident: int, org: int, categories: list[str], day: Any, by: int) -> None:
            objs.append(
                {
                    "resident_id": resident,
                    "organisation_id": org,
                    "basis": "toestemming",
                    "purpose": "Ondersteuning volgens het plan",
                    "categories": categories,
                    "given_how": rng.choice(("mondeling", "schriftelijk")),
                    "legal_ground": "",
                    "justification": "",
                    "valid_from": day,
                    "valid_until": None,
                    "recorded_by_id": by,
                }
            )

        for case_id, household_id, opened_on, coordinator, supporter, team_id, own in open_cases:
            head = heads.get(household_id)
            if head is None:
                continue
            # The organisations whose employees work the case need the resident's consent
            # (need-to-know); the team's responsible organisation does not.
            needed: dict[int, list[str]] = {}
            for user_id in [coordinator, *involved.get(case_id, [])]:
                needed[employer[(user_id, team_id)]] = all_categories
            for org in deciders.get(team_id, set()):
                needed.setdefault(org, decider_categories)
            if supporter is not None:
                needed.setdefault(employer[(supporter, team_id)], supporter_categories)
            for org, categories in sorted(needed.items()):
                if org != own:
                    consent(head, org, categories, opened_on, coordinator)
            # Sometimes also a provider outside the team, and now and then withdrawn again.
            if rng.random() < 0.3:
                provider = rng.choice(self.providers)
                if provider.pk not in needed and provider.pk != own:
                    consent(head, provider.pk, ["basisgegevens", "plan"], opened_on, coordinator)
                    if rng.random() < 0.15:
                        objs[-1].update(
                            withdrawn_at=_aware(self.end, 9 * 3600),
                            withdrawn_by_id=coordinator,
                            withdrawal_note="Ingetrokken door de inwoner.",
                        )
        try:
            consent_model.objects.bulk_create([consent_model(**v) for v in objs], batch_size=5000)
        except (TypeError, ValueError) as exc:  # the model changed under us: say so, go on
            self.result.notes.append(f"toestemmingen overgeslagen: {exc}")
            return
        self.result.counts["toestemmingen"] = len(objs)
        self._timed("toestemmingen", started)

    # ---------------------------------------------------------------------------------------
    # the access log with its hash chain
    # ---------------------------------------------------------------------------------------

    def access_log(self) -> None:
        """``size.access_log`` entries over the years, each hashed onto the previous one.

        The canonical JSON of ``privacy.access_log.entry_digest`` is assembled from pre-encoded
        pieces (the same bytes as ``json.dumps(sort_keys=True, separators=(",", ":"),
        ensure_ascii=False)``; the tests prove it with ``verify_chain``). On PostgreSQL outside a
        transaction, a second connection COPYs one batch while the next is being generated.
        """
        started = time.monotonic()
        rng = random.Random(self.seed + 2)  # noqa: S311 - synthetic data, not security
        total = self.size.access_log
        head = AccessLogHead.objects.filter(id=1).first()
        prev = head.last_hash if head else GENESIS
        entry_id = next_id(AccessLogEntry)
        resident_row_id = first_resident_row = next_id(AccessLogResident)
        last_id = entry_id - 1
        cases = sorted(self.cases, key=lambda c: (c.opened, c.case_id))
        opened = [c.opened for c in cases]
        teams = self.teams
        households = self.households
        members = self.members
        start_dt = _aware(self.start, 0)
        span_us = int((self.end - self.start).days * 86400 * 1e6)
        step = span_us / max(1, total)
        t = 0.0
        postgres = connection.vendor == "postgresql"
        entry_cols = [
            "id", "at", "user_id", "user_name", "user_role", "organisation_name", "on_behalf_of",
            "action", "object_type", "object_id", "purpose", "resident_ids", "request_id",
            "prev_hash", "hash",
        ]  # fmt: skip
        res_cols = ["id", "entry_id", "resident_id", "at"]
        entry_table = AccessLogEntry._meta.db_table
        res_table = AccessLogResident._meta.db_table

        def js(value: str) -> str:
            return json.dumps(value, ensure_ascii=False)

        # Pre-encoded JSON pieces per member: the user part of the payload, sorted by key.
        tail = {
            m.user_id: f',"user":{m.user_id},"user_name":{js(m.username)},"user_role":{js(m.role_label)}}}'
            for m in members
        }
        org = {m.user_id: js(m.organisation_name) for m in members}
        kinds = [
            (0.78, "read", "cases.Case", "casus geopend"),
            (0.84, "read", "", "werkvoorraad bekeken"),
            (0.91, "search", "", "zoeken op naam"),
            (0.97, "change", "cases.Case", "fase van de casus gewijzigd"),
            (0.99, "create", "cases.Report", "melding geregistreerd"),
            (1.01, "refused", "", ""),
        ]
        heads = {
            k[1:]: (
                f'{{"action":{js(k[1])},"at":"',
                f',"object_type":{js(k[2])},"on_behalf_of":"","organisation":',
                js(k[3]),
            )
            for k in kinds
        }

        writer = (
            _CopyThread(entry_table, entry_cols, res_table, res_cols)
            if postgres and not connection.in_atomic_block
            else None
        )
        lines: list[str] = []
        res_lines: list[str] = []
        rows: list[tuple[Any, ...]] = []
        res_rows: list[tuple[Any, ...]] = []
        dumps = json.dumps
        sha = hashlib.sha256
        timedelta = datetime.timedelta
        rand = rng.random
        randrange = rng.randrange
        expovariate = rng.expovariate
        getrandbits = rng.getrandbits
        bisect_left = bisect.bisect_left
        bisect_right = bisect.bisect_right
        try:
            for n in range(total):
                t += expovariate(1.0) * step
                at = start_dt + timedelta(microseconds=min(int(t), span_us - 1))
                day = at.toordinal()
                lo = bisect_left(opened, day - 365)
                hi = bisect_right(opened, day)
                if hi <= lo:
                    hi = max(hi, 1)
                    lo = max(0, hi - 50)
                case = cases[randrange(lo, hi)]
                r = rand()
                for limit, action, object_type, purpose in kinds:  # noqa: B007 - used after break
                    if r < limit:
                        break
                hh = households[case.household_index]
                team = teams[case.team_index]
                user = (
                    case.coordinator
                    if rand() < 0.75
                    else team.members[randrange(len(team.members))]
                )
                object_id = ""
                if object_type == "cases.Case":
                    object_id = str(case.case_id)
                    residents = hh.resident_ids
                elif object_type == "cases.Report":
                    object_id = str(case.case_id)
                    residents = [hh.head_id]
                elif action == "refused":
                    residents = hh.resident_ids
                else:
                    other = households[team.households[randrange(len(team.households))]]
                    residents = sorted(set(hh.resident_ids) | {other.head_id})
                resident_json = dumps(residents, separators=(",", ":"))
                request_id = "%032x" % getrandbits(128)  # noqa: UP031 - hot loop
                at_iso = at.isoformat()
                head_a, head_b, purpose_js = heads[(action, object_type, purpose)]
                if action == "refused":
                    user = members[randrange(len(members))]
                    purpose = f"geweigerd: casus {case.case_id} buiten bereik"
                    purpose_js = js(purpose)
                canonical = (
                    f'{head_a}{at_iso}","object_id":"{object_id}"{head_b}{org[user.user_id]},'
                    f'"prev":"{prev}","purpose":{purpose_js},"request_id":"{request_id}",'
                    f'"residents":{resident_json}{tail[user.user_id]}'
                )
                digest = sha(canonical.encode()).hexdigest()
                if postgres:
                    lines.append(
                        f"{entry_id}\t{at_iso}\t{user.user_id}\t{user.username}\t{user.role_label}\t"
                        f"{user.organisation_name}\t\t{action}\t{object_type}\t{object_id}\t"
                        f"{purpose}\t{resident_json}\t{request_id}\t{prev}\t{digest}\n"
                    )
                    for rid in residents:
                        res_lines.append(f"{resident_row_id}\t{entry_id}\t{rid}\t{at_iso}\n")
                        resident_row_id += 1
                else:
                    naive = at.replace(tzinfo=None).isoformat(" ")
                    rows.append(
                        (entry_id, naive, user.user_id, user.username, user.role_label,
                         user.organisation_name, "", action, object_type, object_id, purpose,
                         resident_json, request_id, prev, digest)
                    )  # fmt: skip
                    for rid in residents:
                        res_rows.append((resident_row_id, entry_id, rid, naive))
                        resident_row_id += 1
                prev = digest
                last_id = entry_id
                entry_id += 1
                if (n + 1) % 50000 == 0 or n + 1 == total:
                    if writer is not None:
                        writer.put("".join(lines), "".join(res_lines))
                        lines, res_lines = [], []
                    elif postgres:
                        self.w.write_copy_text(entry_table, entry_cols, "".join(lines))
                        self.w.write_copy_text(res_table, res_cols, "".join(res_lines))
                        lines, res_lines = [], []
                    else:
                        self.w.write(entry_table, entry_cols, rows)
                        self.w.write(res_table, res_cols, res_rows)
                        rows, res_rows = [], []
                    if (n + 1) % 1_000_000 == 0:
                        self.say(
                            f"toegangslog: {n + 1:,} van {total:,} "
                            f"({time.monotonic() - started:.0f} s)"
                        )
        finally:
            if writer is not None:
                writer.close()
        if total:
            AccessLogHead.objects.update_or_create(
                id=1, defaults={"last_hash": prev, "last_entry_id": last_id}
            )
        self.result.chain_head = prev
        self.result.counts["toegangslog"] = total
        self.result.counts["toegangslog per inwoner"] = resident_row_id - first_resident_row
        self.say(f"toegangslog: {total:,} regels ({time.monotonic() - started:.0f} s)")
        self._timed("toegangslog", started)


class _CopyThread:
    """Writes COPY batches on its own connection while the generator makes the next batch."""

    def __init__(
        self, table: str, columns: list[str], res_table: str, res_columns: list[str]
    ) -> None:
        self.conn = connection.get_new_connection(connection.get_connection_params())
        self.conn.autocommit = True
        self.targets = [
            (f'COPY "{table}" ({", ".join(columns)}) FROM STDIN'),
            (f'COPY "{res_table}" ({", ".join(res_columns)}) FROM STDIN'),
        ]
        self.queue: queue.Queue[tuple[str, str] | None] = queue.Queue(maxsize=2)
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with self.conn.cursor() as cur:
                cur.execute("SET synchronous_commit = off")
                while (item := self.queue.get()) is not None:
                    for sql, text in zip(self.targets, item, strict=True):
                        with cur.copy(sql) as copy:
                            copy.write(text)
        except BaseException as exc:
            self.error = exc
            while self.queue.get() is not None:  # drain so that put() never blocks
                pass

    def put(self, entries: str, residents: str) -> None:
        if self.error is not None:
            raise RuntimeError("toegangslog schrijven mislukt") from self.error
        self.queue.put((entries, residents))

    def close(self) -> None:
        self.queue.put(None)
        self.thread.join()
        self.conn.close()
        if self.error is not None:
            raise RuntimeError("toegangslog schrijven mislukt") from self.error


def _bulk_tables() -> list[str]:
    model_list: list[type[models.Model]] = [
        Household, Resident, NetworkMember, Case, Case.involved_members.through, Report,
        CaseTransition, CoordinatorAssignment, TrackedTerm, Investigation, Conversation,
        Conversation.residents.through, Assessment, AssessmentScore, Plan, Goal, Action,
        PlanVersion, Decision, Intervention, Allocation, TimeEntry, Evaluation, AccessLogEntry,
        AccessLogResident,
    ]  # fmt: skip
    return [m._meta.db_table for m in model_list]


def generate(
    *,
    size: Size,
    seed: int = DEFAULT_SEED,
    progress: Progress = lambda _m: None,
    fast: bool | None = None,
) -> Result:
    """Build the synthetic municipality into the current database (which must not have it yet).

    ``fast`` (default: on PostgreSQL for sizes of 100,000 cases or more) drops the foreign keys,
    unique constraints and secondary indexes of the bulk tables while loading and restores them
    afterwards, which validates every row at once at the end.
    """
    if exists():
        raise ValueError(
            "Deze database heeft de synthetische gemeente al: bouw in een lege database."
        )
    gen = Generator(size, seed, progress)
    started = time.monotonic()
    if fast is None:
        fast = connection.vendor == "postgresql" and size.cases >= 100_000
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET synchronous_commit = off")
            cur.execute("SET maintenance_work_mem = '1GB'")
    use_atomic = connection.vendor == "sqlite" or connection.in_atomic_block
    context = transaction.atomic() if use_atomic else _nullcontext()
    with context:
        gen.organisation()
        loader = FastLoad(_bulk_tables(), progress) if fast else _nullcontext()
        with loader:
            gen.residents()
            gen.cases_()
            gen.access_log()
        gen.consents()
        reset_sequences(
            [
                Household,
                Resident,
                NetworkMember,
                Case,
                Case.involved_members.through,
                Report,
                CaseTransition,
                CoordinatorAssignment,
                TrackedTerm,
                Investigation,
                Conversation,
                Conversation.residents.through,
                Assessment,
                AssessmentScore,
                Plan,
                Goal,
                Action,
                PlanVersion,
                Decision,
                Intervention,
                Allocation,
                TimeEntry,
                Evaluation,
                AccessLogEntry,
                AccessLogResident,
            ]
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SET synchronous_commit = on")
            progress("ANALYZE")
            cur.execute("ANALYZE")
    for table in gen.w.order:
        gen.result.counts[table.name] = table.count
    gen.result.counts["casussen"] = len(gen.cases)
    # Independent of database ids (sequences differ between runs on PostgreSQL): the random
    # stream's final state, the members and the row counts.
    gen.digest.update(json.dumps(gen.result.counts, sort_keys=True).encode())
    gen.result.checksum = gen.digest.hexdigest()
    gen.result.seconds["totaal"] = round(time.monotonic() - started, 1)
    return gen.result


class _nullcontext:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None
