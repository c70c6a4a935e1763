"""More metrics of the snapshot (docs/indicators.md defines each): first contact, who is
involved in a case, doorzettingsmacht, cliëntondersteuning used, informal carers at risk,
consents, inzage in time, maatwerk volume and budget per product category and per case, plan
actions with a general provision, and citizen initiatives (supported, residents connected) per wijk.

Like ``metrics.py``: counts per day, team, wijk and law; never a name, a person's id or text.
Records that belong to a resident or household rather than to a case (consent, inzage, carer
load) take the dimensions of the household's most recent case; without a case they are not
counted (there is no team to count them for).
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from wijkteam.cases.constants import CaseState, DecisionOutcome, Frequency
from wijkteam.cases.models import (
    Action,
    Allocation,
    Case,
    Conversation,
    Decision,
    InitiativeConnection,
    Report,
)
from wijkteam.iwmo.constants import EscalationStatus
from wijkteam.iwmo.models import Escalation, SpecialistDeployment
from wijkteam.organisation.models import Membership
from wijkteam.privacy.constants import SharingBasis
from wijkteam.privacy.models import Consent, ConsentRefusal
from wijkteam.residents.constants import CARER_AT_RISK
from wijkteam.residents.models import CarerFollowUp, NetworkMember
from wijkteam.rights.models import InzageRequest
from wijkteam.socialmap.models import InitiativeSupport

from .metrics import Cells, Key, _day, add, base, law_of

Dims = tuple[int, int | None, str]
CaseDims = dict[int, Dims]

# Days per period of a frequency; "totaal" is spread over the decision's validity.
DAYS_PER = {"1": 1.0, "2": 7.0, "4": 365.25 / 12}
GRANTED = (DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS)


def household_cases() -> dict[int, int]:
    """Per household: its most recent case (the highest id)."""
    return dict(Case.objects.order_by("pk").values_list("household_id", "pk"))


def first_contact(cells: Cells, cases: CaseDims) -> None:
    """Days from the melding to the first conversation (keukentafelgesprek) of its case."""
    first = dict(
        Conversation.objects.values("investigation__case_id")
        .annotate(first=Min("held_on"))
        .values_list("investigation__case_id", "first")
    )
    for received_at, case_id in Report.objects.filter(case__isnull=False).values_list(
        "received_at", "case_id"
    ):
        held = first.get(case_id)
        day = _day(received_at)
        if held is not None and held >= day:
            add(cells, day, cases[case_id], "eerste_contact.n")
            add(cells, day, cases[case_id], "eerste_contact.dagen", (held - day).days)


def involvement(cells: Cells, cases: CaseDims) -> None:
    """Per closed case: the organisations (employers of the coordinator, the involved members
    and the client supporter in the case's team, and the providers of its allocations) and the
    disciplines of those members; on the closing day."""
    closed: dict[int, datetime.date] = {
        pk: closed_on
        for pk, closed_on in Case.objects.filter(
            state=CaseState.AFGESLOTEN, closed_on__isnull=False
        ).values_list("pk", "closed_on")
        if closed_on is not None
    }
    people: dict[int, set[int]] = defaultdict(set)
    for pk, coordinator, supporter in Case.objects.filter(pk__in=closed).values_list(
        "pk", "coordinator_id", "client_supporter_id"
    ):
        people[pk].add(coordinator)
        if supporter:
            people[pk].add(supporter)
    for pk, user_id in Case.involved_members.through.objects.filter(case_id__in=closed).values_list(
        "case_id", "user_id"
    ):
        people[pk].add(user_id)
    employers: dict[tuple[int, int], set[tuple[int, str]]] = defaultdict(set)
    for team_id, user_id, org_id, discipline in Membership.objects.values_list(
        "team_id", "user_id", "organisation_id", "discipline"
    ):
        employers[(team_id, user_id)].add((org_id, discipline))
    providers: dict[int, set[int]] = defaultdict(set)
    for case_id, provider_id in Allocation.objects.filter(
        intervention__case_id__in=closed
    ).values_list("intervention__case_id", "provider_id"):
        providers[case_id].add(provider_id)
    for pk, closed_on in closed.items():
        team = cases[pk][0]
        pairs = {p for user in people[pk] for p in employers.get((team, user), set())}
        organisations = {org for org, _d in pairs} | providers[pk]
        disciplines = {d for _org, d in pairs}
        add(cells, closed_on, cases[pk], "casus.organisaties", len(organisations))
        add(cells, closed_on, cases[pk], "casus.disciplines", len(disciplines))


def doorzettingsmacht(cells: Cells, cases: CaseDims) -> None:
    """Escalations to the teamleider where the mandate does not reach (asked, on the day of the
    question; deployed or refused, on the day of the answer) and direct specialist deployments
    by members of a team with doorzettingsmacht (on the day of deployment)."""
    for case_id, requested_at, answered_at, status in Escalation.objects.values_list(
        "case_id", "requested_at", "answered_at", "status"
    ):
        add(cells, _day(requested_at), cases[case_id], "doorzettingsmacht.gevraagd")
        if answered_at is not None and status != EscalationStatus.OPEN:
            add(cells, _day(answered_at), cases[case_id], f"doorzettingsmacht.{status}")
    for case_id, deployed_at in SpecialistDeployment.objects.values_list("case_id", "deployed_at"):
        add(cells, _day(deployed_at), cases[case_id], "doorzettingsmacht.direct")


def client_support(cells: Cells, cases: CaseDims) -> None:
    """Cases opened (on ``opened_on``) and of those, cases where a client supporter is assigned
    or was present at a conversation."""
    present = set(
        Conversation.objects.filter(client_supporter_present=True).values_list(
            "investigation__case_id", flat=True
        )
    )
    for pk, opened_on, supporter in Case.objects.values_list(
        "pk", "opened_on", "client_supporter_id"
    ):
        add(cells, opened_on, cases[pk], "casus.geopend")
        if supporter or pk in present:
            add(cells, opened_on, cases[pk], "clientondersteuning.gebruikt")


def carers(cells: Cells, cases: CaseDims, households: dict[int, int]) -> None:
    """Informal carers whose load was assessed (on that day), those at risk of overload, and
    what was done for them (``CarerFollowUp``, per kind, on the day it was done)."""
    for household_id, load, assessed_on in NetworkMember.objects.filter(
        load_assessed_on__isnull=False
    ).values_list("household_id", "load", "load_assessed_on"):
        case_id = households.get(household_id)
        if case_id is None or assessed_on is None:
            continue
        add(cells, assessed_on, cases[case_id], "mantelzorg.beoordeeld")
        if load >= CARER_AT_RISK:
            add(cells, assessed_on, cases[case_id], "mantelzorg.risico")
    for household_id, kind, done_on in CarerFollowUp.objects.values_list(
        "network_member__household_id", "kind", "done_on"
    ):
        case_id = households.get(household_id)
        if case_id is not None:
            add(cells, done_on, cases[case_id], f"mantelzorg.opvolging.{kind}")


def consents(cells: Cells, cases: CaseDims, households: dict[int, int]) -> None:
    """Consents recorded (the resident's consent, or a legal ground), on the day recorded,
    withdrawn, on the day of withdrawal, and refused (``ConsentRefusal``), on the day refused."""
    for household_id, basis, recorded_at, withdrawn_at in Consent.objects.values_list(
        "resident__household_id", "basis", "recorded_at", "withdrawn_at"
    ):
        case_id = households.get(household_id)
        if case_id is None:
            continue
        kind = "gegeven" if basis == SharingBasis.TOESTEMMING else "grondslag"
        add(cells, _day(recorded_at), cases[case_id], f"toestemming.{kind}")
        if withdrawn_at is not None:
            add(cells, _day(withdrawn_at), cases[case_id], "toestemming.ingetrokken")
    for household_id, refused_on in ConsentRefusal.objects.values_list(
        "resident__household_id", "refused_on"
    ):
        case_id = households.get(household_id)
        if case_id is not None:
            add(cells, refused_on, cases[case_id], "toestemming.geweigerd")


def inzage(cells: Cells, cases: CaseDims, households: dict[int, int], today: datetime.date) -> None:
    """Inzage requests answered (on ``provided_on``) or overdue (on ``due_on``, once past), and
    of those, answered within the (possibly extended) term."""
    for household_id, due_on, provided_on in InzageRequest.objects.values_list(
        "resident__household_id", "due_on", "provided_on"
    ):
        case_id = households.get(household_id)
        if case_id is None or (provided_on is None and due_on >= today):
            continue
        day = provided_on or due_on
        add(cells, day, cases[case_id], "inzage.n")
        if provided_on is not None and provided_on <= due_on:
            add(cells, day, cases[case_id], "inzage.tijdig")


def units(volume: float, frequency: str, starts_on: datetime.date, ends_on: datetime.date) -> float:
    """The units a decision grants over its whole validity."""
    days = max(0, (ends_on - starts_on).days + 1)
    if frequency == Frequency.TOTAAL:
        return volume
    return volume / DAYS_PER.get(frequency, 1.0) * days


def maatwerk(cells: Cells, cases: CaseDims) -> None:
    """Granted decisions per product category (on the decision day): their number, the budget
    (euro, where set) and the units granted over the validity, per unit."""
    for row in Decision.objects.filter(decided_at__isnull=False, outcome__in=GRANTED).values(
        "case_id",
        "law",
        "decided_at",
        "product_category",
        "volume",
        "unit",
        "frequency",
        "starts_on",
        "ends_on",
        "budget",
    ):
        team, district, _law = cases[row["case_id"]]
        dims: Dims = (team, district, law_of(row["law"]))
        assert row["decided_at"] is not None
        day = _day(row["decided_at"])
        category = row["product_category"]
        add(cells, day, dims, f"maatwerk.besluit.{category}")
        if row["budget"] is not None:
            add(cells, day, dims, f"maatwerk.budget.{category}", row["budget"])
        granted = units(float(row["volume"]), row["frequency"], row["starts_on"], row["ends_on"])
        add(cells, day, dims, f"maatwerk.omvang.{category}.{row['unit']}", round(granted, 2))


def maatwerk_per_case(cells: Cells, cases: CaseDims) -> None:
    """Maatwerk per case, by cohort: a case (per law of its decisions) counts once, on the day
    of its first granted decision of that law, with the budget and the units of all its granted
    decisions of that law: the budget where any decision sets one (with the number of such
    cases), the units per unit (with the number of such cases that have that unit).
    Additive over days, teams and wijken, so a mean per case is exact for any period."""
    first: dict[tuple[int, str], datetime.date] = {}
    budget: dict[tuple[int, str], Decimal] = {}
    amounts: dict[tuple[int, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for row in Decision.objects.filter(decided_at__isnull=False, outcome__in=GRANTED).values(
        "case_id", "law", "decided_at", "volume", "unit", "frequency", "starts_on", "ends_on",
        "budget",
    ):  # fmt: skip
        assert row["decided_at"] is not None
        key = (row["case_id"], law_of(row["law"]))
        day = _day(row["decided_at"])
        first[key] = min(first.get(key, day), day)
        if row["budget"] is not None:
            budget[key] = budget.get(key, Decimal(0)) + row["budget"]
        granted = units(float(row["volume"]), row["frequency"], row["starts_on"], row["ends_on"])
        amounts[key][row["unit"]] += granted
    for (case_id, law), day in first.items():
        team, district, _law = cases[case_id]
        dims: Dims = (team, district, law)
        add(cells, day, dims, "maatwerkcasus.n")
        if (case_id, law) in budget:
            add(cells, day, dims, "maatwerkcasus.budget.n")
            add(cells, day, dims, "maatwerkcasus.budget.som", budget[(case_id, law)])
        for unit, amount in amounts[(case_id, law)].items():
            add(cells, day, dims, f"maatwerkcasus.eenheid.{unit}")
            add(cells, day, dims, f"maatwerkcasus.omvang.{unit}", round(amount, 2))


def plan_actions(cells: Cells, cases: CaseDims) -> None:
    """Actions of plans agreed on a day, and those that deploy a general provision of the
    social map (the same count as ``cases.selectors_plan.general_provision_actions``)."""
    for case_id, agreed_on, general in Action.objects.filter(
        plan__agreed_on__isnull=False
    ).values_list("plan__case_id", "plan__agreed_on", "service__general_provision"):
        if agreed_on is None:
            continue
        add(cells, agreed_on, cases[case_id], "plan.actie")
        if general:
            add(cells, agreed_on, cases[case_id], "plan.actie.voorliggend")


def initiatives(cells: Cells, cases: CaseDims) -> None:
    """Per wijk of the initiative: residents connected to a citizen initiative from a case (the
    case's team, on the day connected) and a team's support of an initiative that started."""
    for case_id, district_id, connected_at in InitiativeConnection.objects.values_list(
        "case_id", "initiative__district_id", "connected_at"
    ):
        team, _district, law = cases[case_id]
        add(cells, _day(connected_at), (team, district_id, law), "initiatief.verbinding")
    for team_id, district_id, started_on in InitiativeSupport.objects.values_list(
        "team_id", "initiative__district_id", "started_on"
    ):
        add(cells, started_on, (team_id, district_id, "overig"), "initiatief.steun")


def compute(today: datetime.date | None = None) -> Iterable[tuple[Key, Decimal]]:
    """Every cell of the snapshot: the first metrics (``metrics.base``) and these."""
    today = today or timezone.localdate()
    cells, cases = base(today)
    households = household_cases()
    first_contact(cells, cases)
    involvement(cells, cases)
    doorzettingsmacht(cells, cases)
    client_support(cells, cases)
    carers(cells, cases, households)
    consents(cells, cases, households)
    inzage(cells, cases, households, today)
    maatwerk(cells, cases)
    maatwerk_per_case(cells, cases)
    plan_actions(cells, cases)
    initiatives(cells, cases)
    return cells.items()
