"""Case stages: onderzoek assessments and plans with goals and actions."""

import datetime

from django.db import models

from wijkteam.cases.models import Action, Assessment, AssessmentScore, Goal, Plan, PlanVersion

from .. import names
from .base import _GeneratorBase
from .config import ActionStatus, CaseState, GoalStatus, OwnerKind
from .records import Member, TeamInfo


class _PlanStage(_GeneratorBase):
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
