"""Consent refusals and follow-ups of overloaded informal carers in the demo (issue 12).

Added after the casework with their own seeded ``random.Random``, so the casework's random
sequence (and everything the tests and browser walks read from it) stays the same. Through the
services, so the audit trail and access log hold them like real use.

- A handful of refusals spread over the past year, across teams, organisations and categories
  of data, most with a reason code. A resident never refuses what they already consented to:
  the category is one their consent with that organisation does not cover, or the organisation
  is one they gave no consent to. The first portal demo resident (the first hoofdbewoner with a
  case) refuses one, so the resident sees it on "Mijn toestemmingen".
- Follow-ups for three in four carers at risk of overload, of varied kinds, dated on or after
  the load assessment: the others stay in the work queue as "Mantelzorger dreigt overbelast".
"""

import datetime
import random

from django.db.models import Exists, OuterRef
from django.utils import timezone

from wijkteam.cases.models import Case
from wijkteam.organisation.constants import OrganisationKind
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.constants import DataCategory, RefusalReason
from wijkteam.privacy.models import Consent
from wijkteam.residents.constants import CARER_AT_RISK, CarerFollowUpKind
from wijkteam.residents.models import NetworkMember, Resident
from wijkteam.residents.services import carer_follow_up_record
from wijkteam.rights.services.consent import consent_refuse

REFUSALS = 8
SEED = 20261206

_NOT_REFUSED = [OrganisationKind.GEMEENTE, OrganisationKind.STICHTING_WIJKTEAM]

# Reasons drawn with weights; an empty reason is allowed (the code is optional).
_REASONS = [
    RefusalReason.WIL_NIET_DELEN,
    RefusalReason.WIL_NIET_DELEN,
    RefusalReason.VERTROUWEN,
    RefusalReason.NIET_NODIG,
    RefusalReason.WIL_NADENKEN,
    RefusalReason.ANDERS,
    "",
]


def add_demo_refusals_and_follow_ups(*, seed: int = SEED) -> dict[str, int]:
    """Create the refusals and follow-ups; returns how many of each."""
    today = timezone.localdate()
    # One generator each, so changing the refusals does not change the follow-ups.
    return {
        "refusals": _refusals(random.Random(seed), today),  # noqa: S311 - demo data
        "follow_ups": _follow_ups(random.Random(seed + 1), today),  # noqa: S311 - demo data
    }


def _cases_with_coordinator() -> list[Case]:
    """One case per household (the first), with a coordinator who may record for it."""
    seen: set[int] = set()
    cases: list[Case] = []
    for case in (
        Case.objects.filter(coordinator__isnull=False)
        .select_related("coordinator", "team")
        .order_by("pk")
    ):
        if case.household_id not in seen:
            seen.add(case.household_id)
            cases.append(case)
    return cases


def _refusable(resident: Resident, organisations: list[Organisation]) -> list[tuple[int, str]]:
    """(organisation index, category) pairs the resident has not consented to."""
    covered: dict[int, set[str]] = {}
    for org_id, categories in Consent.objects.filter(
        resident=resident, withdrawn_at__isnull=True
    ).values_list("organisation_id", "categories"):
        covered.setdefault(org_id, set()).update(categories or [])
    return [
        (n, category)
        for n, organisation in enumerate(organisations)
        for category in DataCategory.values
        if category not in covered.get(organisation.pk, set())
    ]


def _refusals(rng: random.Random, today: datetime.date) -> int:
    cases = _cases_with_coordinator()
    if not cases:
        return 0
    has_case = Exists(Case.objects.filter(household_id=OuterRef("household_id")))
    first_portal = (
        Resident.objects.annotate(has_case=has_case)
        .filter(has_case=True, household_relation="hoofdbewoner")
        .order_by("pk")
        .first()
    )
    # Spread over the teams: take cases round-robin per team, in a seeded order.
    by_team: dict[int, list[Case]] = {}
    for case in cases:
        by_team.setdefault(case.team_id, []).append(case)
    for team_cases in by_team.values():
        rng.shuffle(team_cases)
    portal_case = next(
        (c for c in cases if first_portal and c.household_id == first_portal.household_id), None
    )
    chosen: list[tuple[Case, Resident | None]] = []
    if portal_case is not None:
        chosen.append((portal_case, first_portal))
    queues = [by_team[k] for k in sorted(by_team)]
    while len(chosen) < REFUSALS and any(queues):
        for queue in queues:
            if queue and len(chosen) < REFUSALS:
                case = queue.pop()
                if case is not portal_case:
                    chosen.append((case, None))
    made = 0
    for n, (case, resident) in enumerate(chosen):
        if resident is None:
            resident = rng.choice(list(case.household.members.order_by("pk")))
        # Partners and providers, not the team's own organisation or the municipality.
        organisations = list(
            Organisation.objects.filter(municipality_id=resident.municipality_id)
            .exclude(kind__in=_NOT_REFUSED)
            .exclude(pk=case.team.responsible_organisation_id)
            .order_by("pk")
        )
        options = _refusable(resident, organisations)
        if not options:
            continue
        org_index, category = rng.choice(options)
        # The portal resident's refusal is recent (seen on the portal); the others spread
        # over the past year.
        days_ago = rng.randint(3, 40) if n == 0 and portal_case else rng.randint(1, 360)
        consent_refuse(
            actor=case.coordinator,
            resident=resident,
            organisation=organisations[org_index],
            category=category,
            refused_on=today - datetime.timedelta(days=days_ago),
            reason=rng.choice(_REASONS),
        )
        made += 1
    return made


def _follow_ups(rng: random.Random, today: datetime.date) -> int:
    coordinators = {case.household_id: case.coordinator for case in _cases_with_coordinator()}
    carers = [
        m
        for m in NetworkMember.objects.filter(load__gte=CARER_AT_RISK).order_by("pk")
        if m.household_id in coordinators
    ]
    kinds = list(CarerFollowUpKind.values)
    made = 0
    for n, member in enumerate(carers):
        if n % 4 == 3:
            continue  # every fourth carer still waits for one (stays in the work queue)
        assessed = member.load_assessed_on or today - datetime.timedelta(days=30)
        for kind in rng.sample(kinds, k=rng.choice([1, 1, 2])):
            span = max((today - assessed).days, 0)
            carer_follow_up_record(
                actor=coordinators[member.household_id],
                member=member,
                kind=kind,
                done_on=assessed + datetime.timedelta(days=rng.randint(0, span)),
            )
            made += 1
    return made
