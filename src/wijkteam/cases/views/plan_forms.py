"""The plan screen's forms: the plan form with its goals and actions formsets, built from a
plan or from the posted data, collected into the service's input, and rebuilt with the newest
version after a concurrent save."""

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.core.forms_flow import add_service_errors

from ..constants import ActionStatus, GoalStatus
from ..forms_plan import (
    NO_DOMAIN,
    NO_GOAL,
    NO_MEMBER,
    NO_PROVIDER,
    NO_SERVICE,
    ActionFormSet,
    GoalFormSet,
    PlanForm,
    prepare,
)
from ..models import Case, Plan, PlanVersion
from ..selectors_plan import (
    latest_version,
    life_domain_list,
    provider_list,
    social_map_list,
    team_member_list,
)
from ..services import plan as plan_services
from ..services.plan import ActionData, GoalData, PlanChoices

GOALS_PREFIX = "goals"
ACTIONS_PREFIX = "actions"


@dataclass
class PlanForms:
    plan: PlanForm
    goals: Any
    actions: Any
    goal_rows: list[int]
    """Form index in the goals formset of each GoalData passed to the service."""
    action_rows: list[int]
    choices: PlanChoices | None = None
    """The choice lists the forms were built with, for the save's validation."""


def goal_initial(plan: Plan | None) -> list[dict[str, Any]]:
    if plan is None:
        return []
    return [
        {
            "id": g.pk,
            "domain": g.domain.code if g.domain else "",
            "text": g.text,
            "status": g.status,
        }
        for g in plan.goals.all()
    ]


def action_initial(plan: Plan | None) -> list[dict[str, Any]]:
    if plan is None:
        return []
    positions = {g.pk: i for i, g in enumerate(plan.goals.all())}
    return [
        {
            "id": a.pk,
            "description": a.description,
            "goal": positions.get(a.goal_id) if a.goal_id else None,
            "owner_kind": a.owner_kind,
            "owner_name": a.owner_name,
            "owner_user": a.owner_user_id,
            "owner_organisation": a.owner_organisation_id,
            "service": a.service_id,
            "due_on": a.due_on,
            "status": a.status,
        }
        for a in plan.actions.all()
    ]


def goal_choices(goal_formset: Any) -> list[tuple[str, str]]:
    """The goals as the editor sees them now (typed but not yet saved ones too)."""
    choices = []
    for i, form in enumerate(goal_formset.forms):
        text = " ".join(str(form["text"].value() or "").split())
        if len(text) > 50:
            text = text[:49] + "…"
        if text:
            label = _("Doel %(n)s: %(text)s") % {"n": i + 1, "text": text}
        else:
            label = _("Doel %s") % (i + 1)
        choices.append((str(i), label))
    return choices


def build_forms(case: Case, plan: Plan | None, data: QueryDict | None) -> PlanForms:
    day = timezone.localdate()
    domains = life_domain_list()
    members = team_member_list(case.team)
    providers = provider_list(case.team)
    services = social_map_list(case.team)
    # Each list normalised once for all rows (forms_plan.Prepared), not twice per row.
    domain_choices = prepare([(d.code, d.name) for d in domains], NO_DOMAIN)
    member_choices = prepare([(str(u.pk), u.display_name) for u in members], NO_MEMBER)
    provider_choices = prepare([(str(o.pk), o.name) for o in providers], NO_PROVIDER)
    if data is None:
        plan_form = PlanForm(
            initial={
                "discussed_on": plan.discussed_on if plan else None,
                "agreed_on": plan.agreed_on if plan else None,
                "agreement_note": plan.agreement_note if plan else "",
                "expected_version": plan.version if plan else None,
            }
        )
        goals = GoalFormSet(
            prefix=GOALS_PREFIX,
            initial=goal_initial(plan),
            form_kwargs={"domain_choices": domain_choices},
        )
    else:
        plan_form = PlanForm(data)
        goals = GoalFormSet(
            data, prefix=GOALS_PREFIX, form_kwargs={"domain_choices": domain_choices}
        )
    action_kwargs = {
        "goal_choices": prepare(goal_choices(goals), NO_GOAL),
        "member_choices": member_choices,
        "provider_choices": provider_choices,
        "service_choices": prepare(
            [(str(s.pk), f"{s.name} ({s.organisation.name})") for s in services], NO_SERVICE
        ),
    }
    if data is None:
        actions = ActionFormSet(
            prefix=ACTIONS_PREFIX, initial=action_initial(plan), form_kwargs=action_kwargs
        )
    else:
        actions = ActionFormSet(data, prefix=ACTIONS_PREFIX, form_kwargs=action_kwargs)
    choices = PlanChoices(
        team_id=case.team_id,
        day=day,
        domains=domains,
        members=members,
        organisations=providers,
        services=services,
    )
    return PlanForms(
        plan=plan_form,
        goals=goals,
        actions=actions,
        goal_rows=[],
        action_rows=[],
        choices=choices,
    )


def with_extra_row(data: QueryDict, prefix: str) -> QueryDict:
    """The submitted data with one more (empty) row in the formset ``prefix``."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    raw = data.get(key, "0")
    total = int(raw) if raw.isdigit() else 0
    data[key] = str(total + 1)
    return data


def collect(forms: PlanForms) -> tuple[list[GoalData], list[ActionData]] | None:
    """The rows to save, from valid formsets; None (with errors in the rows) when not usable."""
    goals: list[GoalData] = []
    position: dict[int, int] = {}
    for index, form in enumerate(forms.goals.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        blank = not (data.get("text") or "").strip() and not data.get("domain")
        if data.get("id") is None and blank:
            continue  # an empty new row
        position[index] = len(goals)
        forms.goal_rows.append(index)
        goals.append(
            GoalData(
                id=data.get("id"),
                text=data.get("text") or "",
                domain=data.get("domain") or "",
                status=data.get("status") or GoalStatus.OPEN,
            )
        )
    actions: list[ActionData] = []
    usable = True
    for index, form in enumerate(forms.actions.forms):
        data = form.cleaned_data
        if not data or data.get("DELETE"):
            continue
        meaningful = (
            "description",
            "owner_kind",
            "owner_name",
            "owner_user",
            "owner_organisation",
            "service",
            "due_on",
        )
        if data.get("id") is None and not any(data.get(f) for f in meaningful):
            continue  # an empty new row
        goal = data.get("goal")
        if goal is not None and goal not in position:
            form.add_error(
                "goal", _("Dit doel wordt verwijderd of is leeg; kies een ander doel of geen.")
            )
            usable = False
            continue
        forms.action_rows.append(index)
        actions.append(
            ActionData(
                id=data.get("id"),
                description=data.get("description") or "",
                owner_kind=data.get("owner_kind") or "",
                owner_name=data.get("owner_name") or "",
                owner_user_id=data.get("owner_user"),
                owner_organisation_id=data.get("owner_organisation"),
                service_id=data.get("service"),
                due_on=data.get("due_on"),
                status=data.get("status") or ActionStatus.OPEN,
                goal=position[goal] if goal is not None else None,
            )
        )
    return (goals, actions) if usable else None


def show_service_errors(forms: PlanForms, exc: ValidationError) -> None:
    """Put ``goals.<n>.<field>`` and ``actions.<n>.<field>`` errors in the matching row."""
    if not hasattr(exc, "error_dict"):
        add_service_errors(forms.plan, exc)
        return
    plan_errors: dict[str, list[str]] = {}
    for key, messages_ in exc.message_dict.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] in ("goals", "actions") and parts[1].isdigit():
            rows = forms.goal_rows if parts[0] == "goals" else forms.action_rows
            formset = forms.goals if parts[0] == "goals" else forms.actions
            form = formset.forms[rows[int(parts[1])]]
            visible = {f.name for f in form.visible_fields()}
            for message in messages_:
                form.add_error(parts[2] if parts[2] in visible else None, message)
        else:
            plan_errors[key] = messages_
    if plan_errors:
        add_service_errors(forms.plan, ValidationError(plan_errors))


def conflict_forms(case: Case, data: QueryDict) -> tuple[PlanForms, PlanVersion | None]:
    """The editor's input again, now carrying the newest version (saving again replaces it)."""
    current = plan_services.plan_for_case(case)
    latest = latest_version(current) if current else None
    data = data.copy()
    data["expected_version"] = str(current.version) if current else ""
    # Rows the other save removed come back as new rows, so saving again keeps the input.
    existing = {
        GOALS_PREFIX: {g.pk for g in current.goals.all()} if current else set(),
        ACTIONS_PREFIX: {a.pk for a in current.actions.all()} if current else set(),
    }
    for prefix, ids in existing.items():
        for key in [k for k in data if k.startswith(f"{prefix}-") and k.endswith("-id")]:
            value = data.get(key, "")
            if value and (not value.isdigit() or int(value) not in ids):
                data[key] = ""
    forms = build_forms(case, current, data)
    forms.plan.is_valid()
    forms.goals.is_valid()
    forms.actions.is_valid()
    return forms, latest
