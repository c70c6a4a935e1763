"""Meldingen: the team's intake queue, registering a melding and triage."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Team
from wijkteam.privacy.reads import professional_user as _professional

from .. import selectors
from ..forms import ReportForm, TriageForm
from ..services import intake


def report_list(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    return render(request, "cases/report_list.html", {"rows": selectors.report_rows(user=user)})


@require_http_methods(["GET", "POST"])
def report_create(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    raw = request.GET.get("inwoner", "")
    if not raw.isdigit():
        return redirect("residents:search")
    # The melding form shows only the name the user just registered or searched for.
    resident = selectors.resident_get(user=user, pk=int(raw), category=None)
    teams = Team.objects.filter(pk__in=org_policies.active_memberships(user).values("team_id"))
    default_team = teams.filter(neighbourhoods=resident.neighbourhood_id).first() or teams.first()
    form = ReportForm(
        request.POST or None, initial={"team": default_team, "received_at": timezone.localtime()}
    )
    team_field = form.fields["team"]
    team_field.queryset = teams  # type: ignore[attr-defined]
    team_field.help_text = _(
        "Afgeleid van de buurt van de inwoner; u kunt een ander team van u kiezen."
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = intake.report_create(
                actor=user,
                team=data["team"],
                resident=resident,
                channel=data["channel"],
                referrer_kind=data["referrer_kind"],
                referrer_name=data["referrer_name"],
                question=data["question"],
                received_at=data["received_at"],
                law_track=data["law_track"],
                informed_about_client_support=data["informed_about_client_support"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De melding is geregistreerd."))
            return redirect("cases:report_triage", pk=report.pk)
    return render(
        request,
        "cases/report_form.html",
        {"form": form, "resident": resident},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def report_triage(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    report = selectors.report_get(user=user, pk=pk)
    form = TriageForm(request.POST or None, report=report)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            report = intake.report_triage(
                actor=user,
                report=report,
                outcome=data["outcome"],
                note=data["note"],
                referred_to=data["referred_to"],
                consent=form.intake_consent(),
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De melding is beoordeeld."))
            if report.case_id:
                return redirect("cases:detail", pk=report.case_id)
            return redirect(reverse("cases:reports"))
    return render(
        request,
        "cases/report_triage.html",
        {"form": form, "report": report},
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns = [
    path("meldingen/", report_list, name="reports"),
    path("meldingen/nieuw/", report_create, name="report_create"),
    path("meldingen/<id:pk>/", report_triage, name="report_triage"),
]
