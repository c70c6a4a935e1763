"""The reads of ``plan_save`` under its locks, from statements compiled once (issue 17).

Each sends the statement the ORM expression it replaces sends (``cases/tests/
test_plan_locked_reads.py`` compares the SQL and the objects), through
:mod:`wijkteam.core.compiled`, so the save does not build and compile four querysets per
request:

- ``lock_case``: ``Case.objects.select_for_update().get(pk=pk)``;
- ``lock_plan``: ``Plan.objects.select_for_update().filter(case=case_id).first()``;
- ``plan_rows``: ``plan.goals.select_related("domain")`` and
  ``plan.actions.select_related("owner_user", "owner_organisation", "goal")``, each row's
  ``plan`` the plan, as the related manager sets it;
- ``household_resident_ids``: the household's residents for the access log.

The locks are the same statements' (``FOR UPDATE`` on PostgreSQL; SQLite's write lock is the
transaction's), so the version check still sees the row a concurrent save waits for.
"""

from django.db.models import QuerySet

from wijkteam.core import compiled
from wijkteam.residents.models import Resident

from ...models import Action, Case, Goal, Plan


def lock_case(pk: int) -> Case:
    """The case, locked for the rest of the transaction; ``Case.DoesNotExist`` when gone."""
    return compiled.locked_get("cases.plan.lock_case", Case, pk)


def _plan_for_update(case_id: int) -> QuerySet[Plan]:
    """What ``Plan.objects.select_for_update().filter(case=case_id).first()`` sends."""
    found = Plan.objects.select_for_update().filter(case=case_id)
    return (found if found.ordered else found.order_by("pk"))[:1]


def lock_plan(case_id: int) -> Plan | None:
    """The case's plan, locked for the rest of the transaction, or None."""
    found = compiled.instances("cases.plan.lock_plan", _plan_for_update, [case_id])
    return found[0] if found else None


def _goals_of(plan_id: int) -> QuerySet[Goal]:
    return Goal.objects.select_related("domain").filter(plan=plan_id)


def _actions_of(plan_id: int) -> QuerySet[Action]:
    return Action.objects.select_related("owner_user", "owner_organisation", "goal").filter(
        plan=plan_id
    )


def plan_rows(plan: Plan) -> tuple[list[Goal], list[Action]]:
    """The plan's goals (with their domain) and actions (with owner and goal), in the models'
    order, each row's ``plan`` the plan."""
    goals = compiled.instances("cases.plan.locked_goals", _goals_of, [plan.pk])
    actions = compiled.instances("cases.plan.locked_actions", _actions_of, [plan.pk])
    for goal in goals:
        goal.plan = plan
    for action in actions:
        action.plan = plan
    return goals, actions


def _residents_of(household_id: int) -> QuerySet[Resident]:
    return Resident.objects.filter(household_id=household_id).values_list(  # type: ignore[return-value]
        "pk", flat=True
    )


def household_resident_ids(household_id: int) -> list[int]:
    """The household's residents in the model's order (one query: not the household)."""
    return [row[0] for row in compiled.rows("cases.plan.residents", _residents_of, [household_id])]
