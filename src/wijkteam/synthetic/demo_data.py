"""Casework for the demo municipality: about 200 residents in about 150 households.

Realistic Dutch situations (older people living at home with an overloaded carer, debts, youth,
loneliness, housing, dementia) with cases in every state. Built through the services, so the
demo exercises the same rules, audit and access log as real use. Deterministic: the same
households, people and stories every time; dates are relative to the day the demo is loaded
so that the legal terms show a realistic mix of on time, due soon and overdue.
"""

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.cases.constants import CaseState, LawTrack, TriageOutcome
from wijkteam.cases.models import Case, Report
from wijkteam.cases.services import intake
from wijkteam.organisation.constants import OrganisationKind
from wijkteam.organisation.models import Neighbourhood, Organisation, Team
from wijkteam.privacy.constants import ALL_CATEGORIES, DataCategory
from wijkteam.residents import services as resident_services
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.residents.models import Household, NetworkMember
from wijkteam.rights.services import consent_record
from wijkteam.synthetic.demo_people import (
    DAYS_AGO,
    FIRST_NAMES,
    LAST_NAMES,
    SITUATIONS,
    STREETS,
    Situation,
)

Progress = Callable[[str], None]


def _name(rng: random.Random) -> tuple[str, str]:
    return rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)


def build_casework(
    *,
    teams: dict[str, Team],
    members: dict[str, User],
    orgs: dict[str, Organisation],
    households: int = 150,
    progress: Progress = lambda _m: None,
    stage_hook: Callable[[Case, Situation, random.Random, dict[str, User]], None] | None = None,
) -> dict[str, int]:
    """Create households with meldingen and cases; ``stage_hook`` adds onderzoek, plan, decisions."""
    rng = random.Random(20261122)  # noqa: S311 - demo data, not security
    today = timezone.localdate()
    counts = {"households": 0, "residents": 0, "cases": 0}
    team_for = {"jeugd": teams["Jeugdteam Noord"], "wmo": teams["Wijkteam Centrum"]}
    workers = {
        team_for["wmo"].pk: [members["anna"], members["bram"], members["eva"], members["fatima"]],
        team_for["jeugd"].pk: [
            members["gijs"],
            members["hanna"],
            members["joost"],
            members["anna"],
        ],
    }
    for i in range(households):
        situation = SITUATIONS[i % len(SITUATIONS)]
        team = team_for["jeugd"] if situation.law == LawTrack.JEUGDWET else team_for["wmo"]
        worker = workers[team.pk][i % len(workers[team.pk])]
        hood = rng.choice(list(Neighbourhood.objects.filter(teams=team)))
        # Two in three households are the main resident alone: about 200 residents in 150 households.
        members_wanted = len(situation.ages) if i % 3 == 0 else 1
        household = _household(
            rng=rng,
            team=team,
            actor=worker,
            situation=situation,
            hood=hood,
            today=today,
            size=members_wanted,
        )
        counts["households"] += 1
        counts["residents"] += household.members.count()
        main = household.members.order_by("pk").first()
        assert main is not None
        _consents(household=household, team=team, actor=worker, today=today)
        low, high = DAYS_AGO[situation.target_state]
        received = timezone.now() - datetime.timedelta(
            days=rng.randint(low, high), hours=rng.randint(0, 8)
        )
        report = intake.report_create(
            actor=worker,
            team=team,
            resident=main,
            channel=situation.channel,
            referrer_kind=situation.referrer,
            question=situation.question,
            received_at=received,
            law_track=situation.law,
            informed_about_client_support=True,
        )
        if i % 10 == 9:
            continue  # some meldingen still wait for triage
        _triage(report=report, worker=worker, situation=situation, orgs=orgs)
        report.refresh_from_db()
        if report.case is not None:
            # Triaged the day after the melding, as a team does: the case opened then.
            opened = min(today, timezone.localdate(received) + datetime.timedelta(days=1))
            Case.objects.filter(pk=report.case.pk, opened_on=today).update(opened_on=opened)
            report.case.refresh_from_db()
            counts["cases"] += 1
            if stage_hook is not None:
                stage_hook(report.case, situation, rng, members)
        if i % 25 == 0:
            progress(f"{i + 1} van {households} huishoudens")
    return counts


def _household(
    *,
    rng: random.Random,
    team: Team,
    actor: User,
    situation: Situation,
    hood: Neighbourhood,
    today: datetime.date,
    size: int,
) -> Household:
    first, last = _name(rng)
    street = rng.choice(STREETS)
    number = str(rng.randint(1, 180))
    postcode = f"{rng.randint(1000, 9999)}{rng.choice('BCEGHJKLMNPRTVWXZ')}{rng.choice('BCEGHJKLMNPRTVWXZ')}"
    base: dict[str, Any] = {
        "street": street,
        "house_number": number,
        "postcode": postcode,
        "city": "Voorbeeld",
        "neighbourhood": hood,
    }
    relations = [HouseholdRelation.HOOFDBEWONER, HouseholdRelation.PARTNER]
    main = resident_services.resident_create(
        actor=actor,
        municipality=team.municipality,
        team=team,
        household_name=f"Huishouden {last}",
        data=resident_services.ResidentData(
            first_name=first,
            last_name=last,
            household_relation=relations[0],
            date_of_birth=_birth(today, situation.ages[0], rng),
            plain_language=situation.key in ("schulden", "dementie"),
            interpreter_language="Turks" if last in ("Yilmaz", "Kaya") else "",
            **base,
        ),
        confirm_not_duplicate=True,
    )
    for n, age in enumerate(situation.ages[1:size]):
        relation: str = (
            HouseholdRelation.PARTNER if n == 0 and age >= 18 else HouseholdRelation.KIND
        )
        resident_services.resident_create(
            actor=actor,
            municipality=team.municipality,
            team=team,
            household=main.household,
            data=resident_services.ResidentData(
                first_name=rng.choice(FIRST_NAMES),
                last_name=last,
                household_relation=relation,
                date_of_birth=_birth(today, age, rng),
                **base,
            ),
            confirm_not_duplicate=True,
        )
    if situation.carer is not None:
        relation, what, load = situation.carer
        carer_first, carer_last = _name(rng)
        resident_services.network_member_save(
            actor=actor,
            member=NetworkMember(
                household=main.household,
                name=f"{carer_first} {carer_last}",
                relation=relation,
                supports=main,
                what_they_do=what,
                load=load,
                load_assessed_on=today - datetime.timedelta(days=rng.randint(1, 30)),
            ),
        )
    return main.household


def _consents(*, household: Household, team: Team, actor: User, today: datetime.date) -> None:
    """The residents consent to sharing with the partner organisations in the team.

    Health data only with care providers (the wijkverpleegkundige's employer): the demo shows
    that a welfare worker sees the plan but not the health domains.
    """
    partners = (
        Organisation.objects.filter(memberships__team=team)
        .exclude(pk=team.responsible_organisation_id)
        .distinct()
        .order_by("pk")
    )
    for resident in household.members.order_by("pk"):
        for organisation in partners:
            categories = set(ALL_CATEGORIES) - {DataCategory.GEZONDHEID}
            if organisation.kind == OrganisationKind.ZORGAANBIEDER:
                categories.add(DataCategory.GEZONDHEID)
            consent_record(
                actor=actor,
                resident=resident,
                organisation=organisation,
                purpose="Samenwerking in het wijkteam aan één plan",
                categories=sorted(categories),
                given_how="mondeling",
                valid_from=today,
            )


def _birth(today: datetime.date, age: int, rng: random.Random) -> datetime.date:
    return today - datetime.timedelta(days=age * 365 + rng.randint(0, 360))


def _triage(
    *, report: Report, worker: User, situation: Situation, orgs: dict[str, Organisation]
) -> None:
    notes: dict[str, str] = {
        TriageOutcome.INFORMATIE_ADVIES: "Gewezen op de buurtkamer en de vrijwillige boodschappendienst.",
        TriageOutcome.VERWEZEN: "Warm overgedragen aan Veilig Thuis via de GGD; afspraak gemaakt.",
        TriageOutcome.GEEN_ACTIE: "Vraag bleek al opgelost.",
    }
    referred = orgs["GGD Regio Voorbeeld"] if situation.outcome == TriageOutcome.VERWEZEN else None
    intake.report_triage(
        actor=worker,
        report=report,
        outcome=situation.outcome,
        note=notes.get(situation.outcome, ""),
        referred_to=referred,
    )


def walk_to(case: Case, target: str, actor: User, stage: Callable[[Case, str], None]) -> Case:
    """Move a case along the ordinary path to ``target``, letting ``stage`` do each step's work."""
    path = [CaseState.ONDERZOEK, CaseState.PLAN, CaseState.UITVOERING, CaseState.EVALUATIE]
    if target == CaseState.AANGEMELD:
        return case
    for state in path:
        if case.state == CaseState.AANGEMELD and state != CaseState.ONDERZOEK:
            continue
        stage(case, state)
        case.refresh_from_db()
        case = intake.case_transition(
            actor=actor, case=case, to_state=state, expected_version=case.version
        )
        if state == target:
            return case
    if target == CaseState.AFGESLOTEN:
        stage(case, CaseState.AFGESLOTEN)
        case.refresh_from_db()
        case = intake.case_close(
            actor=actor,
            case=case,
            expected_version=case.version,
            outcome="bereikt",
            reason="De doelen uit het plan zijn bereikt; de oudste gaat weer naar school.",
        )
    return case


__all__ = ["SITUATIONS", "build_casework", "walk_to"]
