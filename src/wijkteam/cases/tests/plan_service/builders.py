"""Builders for the plan service tests: a goal, an action of the network, a save."""

from django.utils import timezone

from wijkteam.cases.constants import OwnerKind
from wijkteam.cases.services.plan import ActionData, GoalData, plan_save

TODAY = timezone.localdate()


def goal(text="Ik wil mijn post weer zelf bijhouden.", **kwargs):
    return GoalData(text=text, domain=kwargs.pop("domain", "financien"), **kwargs)


def resident_action(description="Post openen met de buurvrouw", **kwargs):
    kwargs.setdefault("owner_kind", OwnerKind.NETWERK)
    kwargs.setdefault("owner_name", "Buurvrouw Ans")
    return ActionData(description=description, **kwargs)


def save(actor, case, expected_version=None, goals=None, actions=None, **kwargs):
    return plan_save(
        actor=actor,
        case=case,
        expected_version=expected_version,
        goals=[goal()] if goals is None else goals,
        actions=[resident_action(goal=0)] if actions is None else actions,
        **kwargs,
    )
