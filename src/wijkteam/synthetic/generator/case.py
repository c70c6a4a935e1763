"""One case through its stages: timeline, report, investigation, plan, decisions."""

import datetime
from typing import Any

from wijkteam.cases.models import (
    Case,
    CaseTransition,
    Conversation,
    CoordinatorAssignment,
    Evaluation,
    Investigation,
    Report,
    TrackedTerm,
)

from .. import names
from .config import (
    AssessmentMoment,
    CaseState,
    Channel,
    ClosureOutcome,
    EvaluationOutcome,
    LawTrack,
    ReferrerKind,
    ReportStatus,
    TriageOutcome,
)
from .decisions import _DecisionStage
from .plans import _PlanStage
from .records import CaseRef, TeamInfo, _aware


class _CaseStage(_PlanStage, _DecisionStage):
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
