"""Evaluation screens: plan an evaluation, record its outcome, and what follows from it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.models import User
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user as _professional

from .. import policies, selectors
from ..forms_evaluation import EvaluationPlanForm, EvaluationRecordForm
from ..models import Case, Evaluation
from ..sections import case_url
from ..services import evaluation as evaluation_services


def _case_for_work(request: HttpRequest, pk: int) -> tuple[User, Case]:
    user = _professional(request)
    case = selectors.case_get(category="plan", user=user, pk=pk, purpose=_("evaluatie vastleggen"))
    selectors.require_case_worker(user, case)
    return user, case


def _evaluation_of(case: Case, evaluation_pk: int) -> Evaluation:
    evaluation = (
        Evaluation.objects.select_related("held_by").filter(pk=evaluation_pk, case=case).first()
    )
    if evaluation is None:
        raise Http404
    return evaluation


@require_http_methods(["GET", "POST"])
def evaluation_plan(request: HttpRequest, pk: int) -> HttpResponse:
    user, case = _case_for_work(request, pk)
    form = EvaluationPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            evaluation = evaluation_services.evaluation_plan(
                actor=user, case=case, planned_on=form.cleaned_data["planned_on"]
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("De evaluatie is gepland op %s.") % evaluation.planned_on.strftime("%d-%m-%Y"),
            )
            return redirect(case_url(case.pk, "evaluation"))
    return render(
        request,
        "cases/evaluation/plan_form.html",
        {"form": form, "case": case},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def evaluation_record(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    user, case = _case_for_work(request, pk)
    evaluation = _evaluation_of(case, evaluation_pk)
    if evaluation.held_on is not None and request.method == "GET":
        return redirect("cases:evaluation_detail", pk=case.pk, evaluation_pk=evaluation.pk)
    form = EvaluationRecordForm(request.POST or None, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            evaluation_services.evaluation_record(
                actor=user,
                evaluation=evaluation,
                held_on=data["held_on"],
                outcome=data["outcome"],
                notes=data["notes"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De uitkomst van de evaluatie is vastgelegd."))
            return redirect("cases:evaluation_detail", pk=case.pk, evaluation_pk=evaluation.pk)
    return render(
        request,
        "cases/evaluation/record_form.html",
        {"form": form, "case": case, "evaluation": evaluation},
        status=400 if form.is_bound and form.errors else 200,
    )


def evaluation_detail(request: HttpRequest, pk: int, evaluation_pk: int) -> HttpResponse:
    """One evaluation, and after it was held: re-measure, and close the case when so decided."""
    user = _professional(request)
    case = selectors.case_get(category="plan", user=user, pk=pk, purpose=_("evaluatie bekeken"))
    evaluation = _evaluation_of(case, evaluation_pk)
    can_work = policies.is_case_worker(user, case)
    steps = evaluation_services.next_steps(evaluation, case) if evaluation.held_on else None
    return render(
        request,
        "cases/evaluation/detail.html",
        {
            "case": case,
            "evaluation": evaluation,
            "steps": steps,
            "can_work": can_work and case.is_open,
            "overdue": evaluation_services.is_overdue(evaluation),
        },
    )


urlpatterns = [
    path("casussen/<id:pk>/evaluaties/nieuw/", evaluation_plan, name="evaluation_plan"),
    path(
        "casussen/<id:pk>/evaluaties/<id:evaluation_pk>/",
        evaluation_detail,
        name="evaluation_detail",
    ),
    path(
        "casussen/<id:pk>/evaluaties/<id:evaluation_pk>/vastleggen/",
        evaluation_record,
        name="evaluation_record",
    ),
]
