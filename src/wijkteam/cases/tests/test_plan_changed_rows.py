"""The plan save writes only the goals and actions that are new or changed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkteam.cases.constants import OwnerKind
from wijkteam.cases.services.plan import ActionData, GoalData, plan_save
from wijkteam.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(uitvoering=True)


@pytest.fixture
def worker(case):
    return case.coordinator


def goal(text):
    return GoalData(text=text, domain="financien")


def resident_action(description, goal):
    return ActionData(
        description=description,
        owner_kind=OwnerKind.NETWERK,
        owner_name="Buurvrouw Ans",
        goal=goal,
    )


def save(actor, case, *, goals, actions, expected_version=None):
    return plan_save(
        actor=actor, case=case, expected_version=expected_version, goals=goals, actions=actions
    )


def test_only_new_and_changed_rows_are_written(case, worker):
    texts = ["Ik wil mijn post zelf bijhouden.", "Ik wil wandelen.", "Ik wil koken."]
    plan = save(
        worker,
        case,
        goals=[goal(t) for t in texts],
        actions=[resident_action(f"Actie {n}", goal=n) for n in range(3)],
    )
    goals = list(plan.goals.order_by("order"))
    actions = list(plan.actions.order_by("id"))

    def same_goal(row, **changes):
        data = {"id": row.pk, "text": row.text, "domain": "financien", "status": row.status}
        return GoalData(**{**data, **changes})

    def same_action(row, n):
        return ActionData(
            id=row.pk,
            description=row.description,
            owner_kind=row.owner_kind,
            owner_name=row.owner_name,
            status=row.status,
            goal=n,
        )

    with CaptureQueriesContext(connection) as ctx:
        plan = save(
            worker,
            case,
            expected_version=1,
            goals=[same_goal(goals[0], text="Ik wil mijn post elke week zelf bijhouden.")]
            + [same_goal(g) for g in goals[1:]],
            actions=[same_action(a, n) for n, a in enumerate(actions)],
        )
    updates = [q["sql"] for q in ctx.captured_queries if q["sql"].startswith("UPDATE")]
    assert len([u for u in updates if '"cases_goal"' in u]) == 1
    assert not [u for u in updates if '"cases_action"' in u]
    assert plan.version == 2
    assert plan.goals.get(pk=goals[0].pk).text == "Ik wil mijn post elke week zelf bijhouden."
    assert [a.goal_id for a in plan.actions.order_by("id")] == [g.pk for g in goals]
