"""The plan: goals in the resident's words, actions with an owner, every version kept.

``plan_save`` replaces the whole plan in one transaction: it locks the case and the plan,
compares the version the editor saw (a stale save raises ``ConcurrentEditError`` and writes
nothing), validates every goal and action before writing, and keeps a ``PlanVersion`` with a
full snapshot and a readable Dutch list of what changed.

The package: ``validation`` (the input and its checks; errors name the row), ``history``
(snapshots and the list of changes) and ``save`` (the writes). The reads are in
:mod:`wijkteam.cases.selectors_plan`; every name stays importable from here.
"""

from ...selectors_plan import (
    LIFE_DOMAIN_INSTRUMENT,
    active_team_members,
    goal_positions,
    life_domains,
    plan_for_case,
    plan_versions,
    provider_choices,
)
from .history import plan_snapshot
from .save import action_status_set, plan_save
from .validation import (
    AGREEMENT_NOTE_MAX,
    DESCRIPTION_MAX,
    NAMED_OWNER_KINDS,
    OWNER_NAME_MAX,
    ActionData,
    GoalData,
    PlanChoices,
)

__all__ = [
    "AGREEMENT_NOTE_MAX",
    "DESCRIPTION_MAX",
    "LIFE_DOMAIN_INSTRUMENT",
    "NAMED_OWNER_KINDS",
    "OWNER_NAME_MAX",
    "ActionData",
    "GoalData",
    "PlanChoices",
    "action_status_set",
    "active_team_members",
    "goal_positions",
    "life_domains",
    "plan_for_case",
    "plan_save",
    "plan_snapshot",
    "plan_versions",
    "provider_choices",
]
