"""Stage: meldingen and cases for every team, including open and loose reports."""

import datetime
import time

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

from .. import names
from ..writer import next_id
from .case import _CaseStage
from .config import Channel, LawTrack, ReferrerKind, ReportStatus, TriageOutcome
from .records import TeamInfo, _Ids


class _CasesStage(_CaseStage):
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
