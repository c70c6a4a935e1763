"""Emergency access (doorbraak) screens: opening one, the teamleider's queue and review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.rights import selectors, services
from wijkteam.rights.forms import EmergencyForm, EmergencyReviewForm
from wijkteam.rights.policies import leader_team_ids
from wijkteam.rights.views.common import _professional, _status


@require_http_methods(["GET", "POST"])
def emergency_open(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    form = EmergencyForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case = selectors.case_for_emergency_form(
            user=user, case_number=data["case_number"], bsn=data["bsn"] or ""
        )
        if case is None:
            log_access(
                user=user,
                action=AccessAction.REFUSED,
                residents=[],
                purpose=_("doorbraak gevraagd: geen casus gevonden"),
            )
            form.add_error(None, _("Geen casus gevonden met dit casusnummer of BSN."))
        else:
            try:
                grant = services.emergency_access_open(
                    actor=user, case=case, reason=data["reason"] or "", minutes=data["minutes"]
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
                status = 403
            else:
                messages.warning(
                    request,
                    _(
                        "Doorbraak geopend tot %s. Uw toegang en de reden staan in de toegangslog; "
                        "de teamleider beoordeelt de doorbraak."
                    )
                    % timezone.localtime(grant.expires_at).strftime("%H:%M"),
                )
                return redirect("cases:detail", pk=case.pk)
    return render(
        request,
        "privacy/emergency_open.html",
        {"form": form, "mine": selectors.my_emergency_accesses(user=user)},
        status=status if status is not None else _status(form),
    )


def emergency_queue(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    if not leader_team_ids(user):
        raise PermissionDenied
    queue = selectors.emergency_review_queue(user=user)
    return render(request, "privacy/emergency_queue.html", {"queue": queue})


@require_http_methods(["GET", "POST"])
def emergency_review(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    grant = selectors.emergency_for_review(user=user, pk=pk)
    form = EmergencyReviewForm(request.POST or None)
    status = None
    if request.method == "POST" and form.is_valid():
        try:
            services.emergency_review(
                actor=user,
                grant=grant,
                verdict=form.cleaned_data["verdict"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, _("Het oordeel over de doorbraak is vastgelegd."))
            return redirect("privacy:emergency_queue")
    return render(
        request,
        "privacy/emergency_review.html",
        {"form": form, "grant": grant},
        status=status if status is not None else _status(form),
    )
