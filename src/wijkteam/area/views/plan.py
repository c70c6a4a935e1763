"""The development plan page: goals and actions, status changes, reviews, history; the plan
as a document (a print page and a PDF, ``ontwikkelplan/document/``); the plan is part of the
startdocument's PDF too."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.core.pdf import CONTENT_TYPE, render_pdf

from .. import policies
from ..forms import ActionForm, ActionStatusForm, GoalForm, ReviewForm
from ..models import DevelopmentAction, DevelopmentGoal
from ..selectors import design as selectors
from ..selectors.plan import plan_page
from ..services import plan as services
from .design import _user


@require_http_methods(["GET", "POST"])
def plan(request: HttpRequest, pk: int) -> HttpResponseBase:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    may_edit = policies.may_edit_design(user, design)
    form_name = request.POST.get("formulier", "")
    goal_form = GoalForm(request.POST if form_name == "doel" else None, prefix="doel")
    review_form = ReviewForm(
        request.POST if form_name == "bespreking" else None,
        prefix="bespreking",
        initial={"reviewed_on": timezone.localdate()},
    )
    if request.method == "POST":
        if not may_edit:
            raise PermissionDenied
        try:
            if form_name == "doel" and goal_form.is_valid():
                services.goal_add(actor=user, design=design, **goal_form.cleaned_data)
                messages.success(request, _("Het doel is toegevoegd."))
                return redirect("area:plan", pk=design.pk)
            if form_name == "bespreking" and review_form.is_valid():
                services.review_record(actor=user, design=design, **review_form.cleaned_data)
                messages.success(request, _("De bespreking is vastgelegd."))
                return redirect("area:plan", pk=design.pk)
        except ValidationError as exc:
            add_service_errors(goal_form if form_name == "doel" else review_form, exc)
    if request.method == "GET" and request.GET.get("formaat") == "pdf":
        # The PDF moved to the document page; old links keep working.
        return redirect(reverse("area:plan_document", args=[design.pk]) + "?formaat=pdf")
    page = plan_page(design=design)
    goal_rows = [
        (
            goal,
            [
                (
                    a,
                    ActionStatusForm(
                        initial={"status": a.status, "expected_version": a.version},
                        prefix=f"a{a.pk}",
                    ),
                )
                for a in goal.actions.all()
            ],
        )
        for goal in page.goals
    ]
    bound = goal_form.is_bound or review_form.is_bound
    return render(
        request,
        "area/plan.html",
        {
            "design": design,
            "page": page,
            "may_edit": may_edit,
            "goal_form": goal_form,
            "review_form": review_form,
            "goal_rows": goal_rows,
        },
        status=400 if bound else 200,
    )


@require_GET
def plan_document(request: HttpRequest, pk: int) -> HttpResponse:
    """The development plan as a document: goals, actions with owner, date and status, the
    reviews and the history. The same readers as the plan page (the team's members and the
    functioneel beheerder); ``?formaat=pdf`` gives the tagged PDF of the same content."""
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    context = {"design": design, "page": plan_page(design=design), "today": timezone.localdate()}
    if request.GET.get("formaat") == "pdf":
        response = HttpResponse(
            render_pdf("area/pdf/plan.html", context), content_type=CONTENT_TYPE
        )
        name = slugify(design.title) or "team"
        response["Content-Disposition"] = f'attachment; filename="ontwikkelplan-{name}.pdf"'
        return response
    return render(request, "area/plan_document.html", context)


@require_http_methods(["GET", "POST"])
def action_add(request: HttpRequest, pk: int, goal: int) -> HttpResponse:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    goal_obj = get_object_or_404(DevelopmentGoal, pk=goal, design=design)
    if not policies.may_edit_design(user, design):
        raise PermissionDenied
    form = ActionForm(request.POST or None, prefix="actie")
    if request.method == "POST" and form.is_valid():
        try:
            services.action_add(actor=user, goal=goal_obj, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De actie is toegevoegd."))
            return redirect("area:plan", pk=design.pk)
    return render(
        request,
        "area/action_form.html",
        {"design": design, "goal": goal_obj, "form": form},
        status=400 if form.errors else 200,
    )


@require_POST
def action_status(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    user = _user(request)
    design = selectors.design_get(user=user, pk=pk)
    action_obj = get_object_or_404(DevelopmentAction, pk=action, goal__design=design)
    form = ActionStatusForm(request.POST, prefix=f"a{action_obj.pk}")
    if not form.is_valid():
        messages.error(request, _("Kies een van de statussen."))
        return redirect("area:plan", pk=design.pk)
    try:
        services.action_status_set(
            actor=user,
            action=action_obj,
            status=form.cleaned_data["status"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except ConcurrentEditError as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De status van de actie is bijgewerkt."))
    return redirect("area:plan", pk=design.pk)
