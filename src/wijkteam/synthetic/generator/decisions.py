"""Case stages: aanvragen/besluiten and interventions."""

import datetime
from decimal import Decimal
from typing import Any

from wijkteam.cases.models import Allocation, Decision, Intervention, TimeEntry, TrackedTerm

from .base import _GeneratorBase
from .config import (
    CaseState,
    DecisionOutcome,
    DecisionStatus,
    Frequency,
    InterventionKind,
    InterventionStatus,
    LawTrack,
    LegalBasis,
    Unit,
)
from .records import HouseholdInfo, Member, TeamInfo


class _DecisionStage(_GeneratorBase):
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
