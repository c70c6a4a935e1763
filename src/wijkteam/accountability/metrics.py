"""The metrics of the snapshot: counts per day, team, wijk and law, computed from the source
tables (docs/indicators.md defines each). No metric holds a name, an id of a person or text.

The wijk of a melding or complaint is the district of the resident's buurt; of a case, the
district of the first household member with a buurt. The law is ``wmo``, ``jeugdwet`` or
``overig`` (the case's or melding's legal track, a decision's or objection's law).
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from wijkteam.cases.constants import CaseState, InterventionKind
from wijkteam.cases.models import (
    Allocation,
    Case,
    Decision,
    Intervention,
    Report,
    ScaleEvent,
    TrackedTerm,
)
from wijkteam.complaints.constants import SURVEY_QUESTION_KEYS
from wijkteam.complaints.models import Complaint, Objection, SurveyResponse
from wijkteam.privacy.models import EmergencyAccess
from wijkteam.residents.models import Resident

Key = tuple[datetime.date, int, int | None, str, str]
Cells = defaultdict[Key, Decimal]

# Terms whose share "within the legal term" is an indicator.
TERM_KEYS = ("wmo_onderzoek", "wmo_beschikking", "jeugd_beslissing", "beslissing_op_bezwaar")


def law_of(track: str) -> str:
    return track if track in ("wmo", "jeugdwet") else "overig"


def _day(value: datetime.datetime | datetime.date) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return timezone.localdate(value)
    return value


def case_dims() -> dict[int, tuple[int, int | None, str]]:
    """Per case: (team, wijk, law)."""
    district: dict[int, int] = {}
    for household_id, district_id in (
        Resident.objects.filter(neighbourhood__isnull=False)
        .order_by("household_id", "pk")
        .values_list("household_id", "neighbourhood__district_id")
    ):
        district.setdefault(household_id, district_id)
    return {
        pk: (team_id, district.get(household_id), law_of(track))
        for pk, team_id, household_id, track in Case.objects.values_list(
            "pk", "team_id", "household_id", "law_track"
        )
    }


def add(
    cells: Cells, day: datetime.date, dims: tuple[int, int | None, str], metric: str, v: object = 1
) -> None:
    team, district, law = dims
    cells[(day, team, district, law, metric)] += Decimal(str(v))


def reports(cells: Cells) -> None:
    for received_at, team_id, district_id, track, channel, informed in Report.objects.values_list(
        "received_at",
        "team_id",
        "resident__neighbourhood__district_id",
        "law_track",
        "channel",
        "informed_about_client_support",
    ).iterator():
        dims = (team_id, district_id, law_of(track))
        day = _day(received_at)
        add(cells, day, dims, "melding.totaal")
        add(cells, day, dims, f"melding.kanaal.{channel}")
        if informed:
            add(cells, day, dims, "clientondersteuning.geinformeerd")


def terms(
    cells: Cells, cases: dict[int, tuple[int, int | None, str]], today: datetime.date
) -> None:
    """Met terms count on the day they were met; unmet terms past their due day count as late."""
    for key, case_id, due_on, met_on in TrackedTerm.objects.filter(key__in=TERM_KEYS).values_list(
        "key", "case_id", "due_on", "met_on"
    ):
        if met_on is None and due_on >= today:
            continue  # still running: neither in time nor late yet
        day = met_on or due_on
        add(cells, day, cases[case_id], f"termijn.{key}.n")
        if met_on is not None and met_on <= due_on:
            add(cells, day, cases[case_id], f"termijn.{key}.tijdig")


def interventions(cells: Cells, cases: dict[int, tuple[int, int | None, str]]) -> None:
    for case_id, kind, starts_on in Intervention.objects.values_list(
        "case_id", "kind", "starts_on"
    ):
        add(cells, starts_on, cases[case_id], f"inzet.{kind}")
    maatwerk = set(
        Intervention.objects.filter(kind=InterventionKind.MAATWERK).values_list(
            "case_id", flat=True
        )
    )
    for pk, closed_on in Case.objects.filter(
        state=CaseState.AFGESLOTEN, closed_on__isnull=False
    ).values_list("pk", "closed_on"):
        assert closed_on is not None
        add(cells, closed_on, cases[pk], "casus.afgesloten")
        if pk not in maatwerk:
            add(cells, closed_on, cases[pk], "casus.afgesloten.zonder_maatwerk")
    first_start = dict(
        Intervention.objects.values("case_id")
        .annotate(first=Min("starts_on"))
        .values_list("case_id", "first")
    )
    for received_at, case_id in Report.objects.filter(case__isnull=False).values_list(
        "received_at", "case_id"
    ):
        start = first_start.get(case_id)
        day = _day(received_at)
        if start is not None and start >= day:
            add(cells, day, cases[case_id], "start_steun.n")
            add(cells, day, cases[case_id], "start_steun.dagen", (start - day).days)


def complaints(cells: Cells, cases: dict[int, tuple[int, int | None, str]]) -> None:
    for (
        team_id,
        district_id,
        case_id,
        received_on,
        closed_on,
        due_on,
        outcome,
    ) in Complaint.objects.values_list(
        "team_id",
        "resident__neighbourhood__district_id",
        "case_id",
        "received_on",
        "closed_on",
        "due_on",
        "outcome",
    ):
        law = cases[case_id][2] if case_id else "overig"
        dims: tuple[int, int | None, str] = (team_id, district_id, law)
        add(cells, received_on, dims, "klacht.ontvangen")
        if closed_on is not None:
            add(cells, closed_on, dims, "klacht.afgehandeld")
            add(cells, closed_on, dims, f"klacht.uitkomst.{outcome}")
            if closed_on <= due_on:
                add(cells, closed_on, dims, "klacht.afgehandeld.tijdig")
    for case_id, law, received_on, decided_on, outcome in Objection.objects.values_list(
        "case_id", "law", "received_on", "decided_on", "outcome"
    ):
        case_team, case_district, _law = cases[case_id]
        dims = (case_team, case_district, law_of(law))
        add(cells, received_on, dims, "bezwaar.ontvangen")
        if decided_on is not None:
            add(cells, decided_on, dims, f"bezwaar.uitkomst.{outcome}")


def governance(cells: Cells, cases: dict[int, tuple[int, int | None, str]]) -> None:
    """Decisions taken (and those deviating from protocol), allocations (and those to the
    allocator's own employer), scaling up and down, emergency access (doorbraak) opened."""
    for case_id, decided_at, deviates in Decision.objects.filter(
        decided_at__isnull=False
    ).values_list("case_id", "decided_at", "deviates_from_protocol"):
        assert decided_at is not None
        add(cells, _day(decided_at), cases[case_id], "besluit.genomen")
        if deviates:
            add(cells, _day(decided_at), cases[case_id], "besluit.afwijking_protocol")
    for case_id, allocated_at, own in Allocation.objects.values_list(
        "intervention__case_id", "allocated_at", "own_employer"
    ):
        add(cells, _day(allocated_at), cases[case_id], "toewijzing.totaal")
        if own:
            add(cells, _day(allocated_at), cases[case_id], "toewijzing.eigen_werkgever")
    for case_id, at, change in ScaleEvent.objects.values_list(
        "intervention__case_id", "at", "change"
    ):
        add(cells, _day(at), cases[case_id], f"schaal.{change}")
    for case_id, opened_at in EmergencyAccess.objects.values_list("case_id", "opened_at"):
        add(cells, _day(opened_at), cases[case_id], "doorbraak.geopend")


def survey(cells: Cells) -> None:
    for row in SurveyResponse.objects.values("team_id", "law", "period", *SURVEY_QUESTION_KEYS):
        dims = (row["team_id"], None, law_of(row["law"]))
        for key in SURVEY_QUESTION_KEYS:
            if row[key] is not None:
                add(cells, row["period"], dims, f"cevo.{key}.som", row[key])
                add(cells, row["period"], dims, f"cevo.{key}.n")


def base(today: datetime.date) -> tuple[Cells, dict[int, tuple[int, int | None, str]]]:
    """The cells of the first metrics, and the case dimensions the other metrics reuse
    (``metrics_more.compute`` adds the rest)."""
    cells: Cells = defaultdict(Decimal)
    cases = case_dims()
    reports(cells)
    terms(cells, cases, today)
    interventions(cells, cases)
    complaints(cells, cases)
    governance(cells, cases)
    survey(cells)
    return cells, cases
