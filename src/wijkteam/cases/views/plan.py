"""The plan screens: edit the plan (goals and actions), its versions, quick action status."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.models import User
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.core.large_forms import allow_many_fields
from wijkteam.privacy.reads import professional_user as _professional

from .. import plan_form_html, selectors
from ..forms_plan import (
    PLAN_FORM_MAX_FIELDS,
    ActionStatusForm,
)
from ..models import Action, Case, Plan, PlanVersion
from ..sections import case_url
from ..services import plan as plan_services
from .plan_forms import (
    ACTIONS_PREFIX,
    GOALS_PREFIX,
    build_forms,
    collect,
    conflict_forms,
    show_service_errors,
    with_extra_row,
)

VERSIONS_PER_PAGE = 25


def _case_for_work(request: HttpRequest, pk: int) -> tuple[User, Case]:
    user = _professional(request)
    case = selectors.case_get(category="plan", user=user, pk=pk, purpose=_("plan wijzigen"))
    selectors.require_case_worker(user, case)
    return user, case


# --------------------------------------------------------------------------------------------
# The edit screen
# --------------------------------------------------------------------------------------------


@allow_many_fields(PLAN_FORM_MAX_FIELDS)
@require_http_methods(["GET", "POST"])
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user, case = _case_for_work(request, pk)
    conflict = False
    latest: PlanVersion | None = None
    status = 200
    # A POST builds its forms from the posted data; the plan is read only when the page is
    # shown again (a successful save redirects without it).
    if request.method == "GET":
        plan = plan_services.plan_for_case(case)
        forms = build_forms(case, plan, None)
    elif "add_goal" in request.POST or "add_action" in request.POST:
        prefix = GOALS_PREFIX if "add_goal" in request.POST else ACTIONS_PREFIX
        forms = build_forms(case, None, with_extra_row(request.POST, prefix))
    else:
        forms = build_forms(case, None, request.POST)
        valid = forms.plan.is_valid() & forms.goals.is_valid() & forms.actions.is_valid()
        rows = collect(forms) if valid else None
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
                    choices=forms.choices,
                )
            except ValidationError as exc:
                show_service_errors(forms, exc)
            except ConcurrentEditError:
                forms, latest = conflict_forms(case, request.POST)
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
    if request.method != "GET":
        plan = plan_services.plan_for_case(case)
    return render(
        request,
        plan_form_html.template_name(),
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
