"""The plan screens: edit the plan (goals and actions), its versions, quick action status."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.models import User
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.core.large_forms import allow_many_fields
from wijkteam.privacy.reads import professional_user as _professional

from .. import selectors
from ..constants import ActionStatus, GoalStatus
from ..forms_plan import (
    PLAN_FORM_MAX_FIELDS,
    ActionFormSet,
    ActionStatusForm,
    GoalFormSet,
    PlanForm,
)
from ..models import Action, Case, Plan, PlanVersion
from ..sections import case_url
from ..selectors_plan import social_map_choices
from ..services import plan as plan_services
from ..services.plan import ActionData, GoalData

GOALS_PREFIX = "goals"
ACTIONS_PREFIX = "actions"
VERSIONS_PER_PAGE = 25


def _case_for_work(request: HttpRequest, pk: int) -> tuple[User, Case]:
    user = _professional(request)
    case = selectors.case_get(category="plan", user=user, pk=pk, purpose=_("plan wijzigen"))
    selectors.require_case_worker(user, case)
    return user, case


# --------------------------------------------------------------------------------------------
# The edit screen
# --------------------------------------------------------------------------------------------


@dataclass
class PlanForms:
    plan: PlanForm
    goals: Any
    actions: Any
    goal_rows: list[int]
    """Form index in the goals formset of each GoalData passed to the service."""
    action_rows: list[int]


def _goal_initial(plan: Plan | None) -> list[dict[str, Any]]:
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


def _action_initial(plan: Plan | None) -> list[dict[str, Any]]:
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


def _goal_choices(goal_formset: Any) -> list[tuple[str, str]]:
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


def _build_forms(case: Case, plan: Plan | None, data: QueryDict | None) -> PlanForms:
    domain_choices = [(d.code, d.name) for d in plan_services.life_domains()]
    member_choices = [
        (str(u.pk), u.display_name) for u in plan_services.active_team_members(case.team)
    ]
    provider_choices = [(str(o.pk), o.name) for o in plan_services.provider_choices(case.team)]
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
            initial=_goal_initial(plan),
            form_kwargs={"domain_choices": domain_choices},
        )
    else:
        plan_form = PlanForm(data)
        goals = GoalFormSet(
            data, prefix=GOALS_PREFIX, form_kwargs={"domain_choices": domain_choices}
        )
    action_kwargs = {
        "goal_choices": _goal_choices(goals),
        "member_choices": member_choices,
        "provider_choices": provider_choices,
        "service_choices": [
            (str(s.pk), f"{s.name} ({s.organisation.name})") for s in social_map_choices(case.team)
        ],
    }
    if data is None:
        actions = ActionFormSet(
            prefix=ACTIONS_PREFIX, initial=_action_initial(plan), form_kwargs=action_kwargs
        )
    else:
        actions = ActionFormSet(data, prefix=ACTIONS_PREFIX, form_kwargs=action_kwargs)
    return PlanForms(plan=plan_form, goals=goals, actions=actions, goal_rows=[], action_rows=[])


def _with_extra_row(data: QueryDict, prefix: str) -> QueryDict:
    """The submitted data with one more (empty) row in the formset ``prefix``."""
    data = data.copy()
    key = f"{prefix}-TOTAL_FORMS"
    raw = data.get(key, "0")
    total = int(raw) if raw.isdigit() else 0
    data[key] = str(total + 1)
    return data


def _collect(forms: PlanForms) -> tuple[list[GoalData], list[ActionData]] | None:
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


def _show_service_errors(forms: PlanForms, exc: ValidationError) -> None:
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


def _conflict_forms(case: Case, data: QueryDict) -> tuple[PlanForms, PlanVersion | None]:
    """The editor's input again, now carrying the newest version (saving again replaces it)."""
    current = plan_services.plan_for_case(case)
    latest = plan_services.plan_versions(current).first() if current else None
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
    forms = _build_forms(case, current, data)
    forms.plan.is_valid()
    forms.goals.is_valid()
    forms.actions.is_valid()
    return forms, latest


@allow_many_fields(PLAN_FORM_MAX_FIELDS)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, case = _case_for_work(request, pk)
    plan = plan_services.plan_for_case(case)
    conflict = False
    latest: PlanVersion | None = None
    status = 200
    if request.method == "GET":
        forms = _build_forms(case, plan, None)
    elif "add_goal" in request.POST or "add_action" in request.POST:
        prefix = GOALS_PREFIX if "add_goal" in request.POST else ACTIONS_PREFIX
        forms = _build_forms(case, plan, _with_extra_row(request.POST, prefix))
    else:
        forms = _build_forms(case, plan, request.POST)
        valid = forms.plan.is_valid() & forms.goals.is_valid() & forms.actions.is_valid()
        rows = _collect(forms) if valid else None
        if rows is not None:
            goals, actions = rows
            data = forms.plan.cleaned_data
            try:
                saved = plan_services.plan_save(
                    actor=user,
                    case=case,
                    expected_version=data["expected_version"],
                    goals=goals,
                    actions=actions,
                    discussed_on=data["discussed_on"],
                    agreed_on=data["agreed_on"],
                    agreement_note=data["agreement_note"],
                )
            except ValidationError as exc:
                _show_service_errors(forms, exc)
            except ConcurrentEditError:
                forms, latest = _conflict_forms(case, request.POST)
                conflict = True
            else:
                expected = data["expected_version"]
                if expected is not None and saved.version == expected:
                    messages.info(request, _("Er was niets gewijzigd aan het plan."))
                else:
                    messages.success(
                        request, _("Het plan is opgeslagen (versie %s).") % saved.version
                    )
                return redirect(case_url(case.pk, "plan"))
        status = 400
    return render(
        request,
        "cases/plan/plan_form.html",
        {
            "case": case,
            "plan": plan,
            "plan_form": forms.plan,
            "goal_formset": forms.goals,
            "action_formset": forms.actions,
            "conflict": conflict,
            "latest": latest,
            "closed": not case.is_open,
        },
        status=status,
    )


# --------------------------------------------------------------------------------------------
# Versions
# --------------------------------------------------------------------------------------------


def _case_and_plan(request: HttpRequest, pk: int, purpose: str) -> tuple[User, Case, Plan]:
    user = _professional(request)
    case = selectors.case_get(category="plan", user=user, pk=pk, purpose=purpose)
    plan = Plan.objects.filter(case=case).first()
    if plan is None:
        raise Http404
    return user, case, plan


def plan_versions(request: HttpRequest, pk: int) -> HttpResponse:
    _user, case, plan = _case_and_plan(request, pk, _("versies van het plan bekeken"))
    number = request.GET.get("pagina", "1")
    page = Paginator(plan_services.plan_versions(plan), VERSIONS_PER_PAGE).get_page(
        int(number) if number.isdigit() else 1
    )
    return render(request, "cases/plan/versions.html", {"case": case, "plan": plan, "page": page})


@dataclass(frozen=True)
class SnapshotAction:
    description: str
    goal: str
    owner_kind_label: str
    owner: str
    due_on: datetime.date | None
    status_label: str


def _snapshot_actions(snapshot: dict[str, Any]) -> list[SnapshotAction]:
    goals = snapshot.get("goals", [])
    result = []
    for a in snapshot.get("actions", []):
        goal_index = a.get("goal")
        known = isinstance(goal_index, int) and 0 <= goal_index < len(goals)
        goal = goals[goal_index]["text"] if known else ""
        due = a.get("due_on")
        result.append(
            SnapshotAction(
                description=a.get("description", ""),
                goal=goal,
                owner_kind_label=a.get("owner_kind_label", ""),
                owner=a.get("owner", ""),
                due_on=datetime.date.fromisoformat(due) if due else None,
                status_label=a.get("status_label", ""),
            )
        )
    return result


def _iso(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if isinstance(value, str) and value else None


def plan_version(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    _user, case, plan = _case_and_plan(request, pk, _("versie van het plan bekeken"))
    version = plan.versions.select_related("changed_by").filter(number=number).first()
    if version is None:
        raise Http404
    snapshot = version.snapshot
    return render(
        request,
        "cases/plan/version.html",
        {
            "case": case,
            "plan": plan,
            "version": version,
            "is_latest": version.number == plan.version,
            "discussed_on": _iso(snapshot.get("discussed_on")),
            "agreed_on": _iso(snapshot.get("agreed_on")),
            "agreement_note": snapshot.get("agreement_note", ""),
            "goals": snapshot.get("goals", []),
            "actions": _snapshot_actions(snapshot),
        },
    )


# --------------------------------------------------------------------------------------------
# Quick status change of one action
# --------------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def action_status(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    user, case = _case_for_work(request, pk)
    action = Action.objects.select_related("plan").filter(pk=action_pk, plan__case=case).first()
    if action is None:
        raise Http404
    form = ActionStatusForm(
        request.POST or None,
        initial={"status": action.status, "expected_plan_version": action.plan.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            plan_services.action_status_set(
                actor=user,
                action=action,
                status=form.cleaned_data["status"],
                expected_plan_version=form.cleaned_data["expected_plan_version"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConcurrentEditError:
            form.add_error(
                None,
                _(
                    "Iemand anders heeft het plan intussen opgeslagen; de status is niet "
                    "gewijzigd. Bekijk het plan opnieuw en probeer het dan nog eens."
                ),
            )
        else:
            messages.success(request, _("De status van de actie is bijgewerkt."))
            return redirect(case_url(case.pk, "plan"))
    return render(
        request,
        "cases/plan/action_status.html",
        {"case": case, "action": action, "form": form},
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns = [
    path("casussen/<id:pk>/plan/", plan_edit, name="plan_edit"),
    path("casussen/<id:pk>/plan/versies/", plan_versions, name="plan_versions"),
    path("casussen/<id:pk>/plan/versies/<id:number>/", plan_version, name="plan_version"),
    path(
        "casussen/<id:pk>/plan/acties/<id:action_pk>/status/",
        action_status,
        name="plan_action_status",
    ),
]
