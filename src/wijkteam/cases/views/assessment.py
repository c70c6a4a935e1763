"""Screens of the assessment: record a measurement, and every measurement with its reasons."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user as _professional

from .. import selectors
from ..constants import AssessmentMoment, EvaluationOutcome
from ..forms_assessment import AssessmentForm
from ..models import Assessment, AssessmentScore, Case, Evaluation, Instrument
from ..sections import case_url
from ..services import assessment as services

ANCHOR = "assessment"


def _default_moment(case: Case) -> str:
    """Intake for the first measurement; after an evaluation that decided to close, the end
    measurement; otherwise an interim one."""
    if not Assessment.objects.filter(case_id=case.pk).exists():
        return AssessmentMoment.INTAKE
    last = (
        Evaluation.objects.filter(case_id=case.pk, held_on__isnull=False)
        .order_by("-held_on", "-id")
        .values_list("outcome", flat=True)
        .first()
    )
    return (
        AssessmentMoment.EIND
        if last == EvaluationOutcome.AFSLUITEN
        else AssessmentMoment.TUSSENTIJDS
    )


@require_http_methods(["GET", "POST"])
def assessment_record(request: HttpRequest, pk: int, instrument: str) -> HttpResponse:
    user = _professional(request)
    case = selectors.case_get(
        category="assessment", user=user, pk=pk, purpose=_("meting vastleggen")
    )
    selectors.require_case_worker(user, case)
    chosen = Instrument.objects.filter(code=instrument).first()
    if chosen is None:
        raise Http404
    domains = list(chosen.domains.all())
    labels = {lab.value: lab.label for lab in chosen.labels.all()}
    initial: dict[str, int | str] = {}
    wanted = request.GET.get("inwoner", "")
    if wanted.isdigit():
        initial["resident"] = int(wanted)
    initial["moment"] = _default_moment(case)
    form = AssessmentForm(
        request.POST or None,
        case=case,
        instrument=chosen,
        domains=domains,
        labels=labels,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.assessment_record(
                actor=user,
                case=case,
                resident=data["resident"],
                instrument_code=chosen.code,
                moment=data["moment"],
                measured_on=data["measured_on"],
                scores=form.scores(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("De meting met %(name)s is vastgelegd.") % {"name": chosen.name}
            )
            return redirect(case_url(case.pk, ANCHOR))
    return render(
        request,
        "cases/assessment/record.html",
        {"form": form, "case": case, "instrument": chosen, "labels": sorted(labels.items())},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
def assessment_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    case = selectors.case_get(
        category="assessment", user=user, pk=pk, purpose=_("metingen bekeken")
    )
    assessments = list(
        Assessment.objects.filter(case_id=case.pk)
        .select_related("resident", "instrument", "measured_by")
        .order_by("-measured_on", "-id")
    )
    scores: dict[int, list[AssessmentScore]] = {a.pk: [] for a in assessments}
    for s in AssessmentScore.objects.filter(assessment__case_id=case.pk).select_related("domain"):
        scores[s.assessment_id].append(s)
    rows = [(a, scores[a.pk]) for a in assessments]
    return render(request, "cases/assessment/list.html", {"case": case, "rows": rows})


urlpatterns = [
    path("casussen/<id:pk>/metingen/", assessment_list, name="assessment_list"),
    path(
        "casussen/<id:pk>/metingen/<slug:instrument>/nieuw/",
        assessment_record,
        name="assessment_record",
    ),
]
