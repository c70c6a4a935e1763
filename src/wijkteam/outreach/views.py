"""Signal pages: the team's list, registering, the signal with close and convert, the kinds."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.cases import selectors as case_selectors
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.organisation.models import Municipality
from wijkteam.privacy.reads import professional_user

from . import policies, selectors, services
from .constants import DEFAULT_RETENTION_MONTHS, SignalStatus
from .forms import CloseForm, ConvertForm, KindForm, ResidentSearchForm, RetentionForm, SignalForm
from .models import SignalKind, SignalRetention


def signal_list(request: HttpRequest) -> HttpResponse:
    user = professional_user(request)
    status = request.GET.get("status", SignalStatus.OPEN)
    if status not in SignalStatus.values and status != "":
        status = SignalStatus.OPEN
    raw_page = request.GET.get("pagina", "1")
    page = selectors.signal_list(
        user=user, status=status, page=int(raw_page) if raw_page.isdigit() else 1
    )
    return render(
        request,
        "outreach/list.html",
        {
            "page_obj": page,
            "signals": page.object_list,
            "status": status,
            "statuses": SignalStatus.choices,
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def signal_create(request: HttpRequest) -> HttpResponse:
    user = professional_user(request)
    teams = policies.user_teams(user)
    if not teams.exists():
        raise PermissionDenied(_("U bent geen lid van een team."))
    form = SignalForm(
        request.POST or None,
        teams=teams,
        initial={"team": teams.first(), "received_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            signal = services.signal_create(
                actor=user,
                team=data["team"],
                kind=data["kind"],
                source=data["source"],
                received_on=data["received_on"],
                address=data["address"],
                description=data["description"],
                neighbourhood=data["neighbourhood"],
                source_name=data["source_name"],
                submit_token=data["submit_token"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het signaal is geregistreerd. Opvolgen uiterlijk op %s.")
                % signal.due_on.strftime("%d-%m-%Y"),
            )
            return redirect("outreach:detail", pk=signal.pk)
    return render(request, "outreach/form.html", {"form": form}, status=400 if form.errors else 200)


@require_http_methods(["GET", "POST"])
def signal_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    signal = selectors.signal_get(user=user, pk=pk)
    form = CloseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.signal_close(
                actor=user,
                signal=signal,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                exc = ValidationError({"note": exc.message_dict.get("close_note", exc.messages)})
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het signaal is gesloten."))
            return redirect("outreach:detail", pk=signal.pk)
    return render(
        request,
        "outreach/detail.html",
        {"signal": signal, "form": form, "today": timezone.localdate()},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def signal_convert(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    signal = selectors.signal_get(user=user, pk=pk)
    if signal.status != SignalStatus.OPEN:
        messages.error(request, _("Dit signaal is al afgehandeld."))
        return redirect("outreach:detail", pk=signal.pk)
    search = ResidentSearchForm(request.GET if "q" in request.GET else None)
    results = []
    if search.is_bound and search.is_valid():
        results = case_selectors.resident_search(user=user, query=search.cleaned_data["q"])
    resident = None
    raw = request.GET.get("inwoner", "")
    if raw.isdigit():
        resident = case_selectors.resident_get(user=user, pk=int(raw))
    form = ConvertForm(
        request.POST or None,
        initial={"question": signal.description or signal.kind.name},
    )
    if request.method == "POST":
        if resident is None:
            raise Http404
        if form.is_valid():
            data = form.cleaned_data
            try:
                report = services.signal_convert(
                    actor=user,
                    signal=signal,
                    resident=resident,
                    question=data["question"],
                    law_track=data["law_track"],
                    informed_about_client_support=data["informed_about_client_support"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het signaal is omgezet in een melding."))
                return redirect(reverse("cases:report_triage", args=[report.pk]))
    return render(
        request,
        "outreach/convert.html",
        {
            "signal": signal,
            "search": search,
            "results": results,
            "resident": resident,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def kind_list(request: HttpRequest) -> HttpResponse:
    """Functioneel beheerder: follow-up terms per kind and the retention term."""
    user = request.user
    if not policies.may_configure(user):  # type: ignore[arg-type]
        raise PermissionDenied(_("Alleen voor de functioneel beheerder."))
    municipality = Municipality.objects.order_by("pk").first()
    rule = (
        SignalRetention.objects.filter(municipality=municipality).first()
        if municipality is not None
        else None
    )
    form = RetentionForm(
        request.POST or None,
        initial={"months": rule.months if rule is not None else DEFAULT_RETENTION_MONTHS},
    )
    if request.method == "POST" and municipality is not None and form.is_valid():
        try:
            services.signal_retention_set(
                actor=user,  # type: ignore[arg-type]
                municipality=municipality,
                months=form.cleaned_data["months"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De bewaartermijn is opgeslagen."))
            return redirect("outreach:kinds")
    return render(
        request,
        "outreach/kinds.html",
        {"kinds": SignalKind.objects.all(), "form": form},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def kind_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    if not policies.may_configure(user):  # type: ignore[arg-type]
        raise PermissionDenied(_("Alleen voor de functioneel beheerder."))
    kind = get_object_or_404(SignalKind, pk=pk)
    form = KindForm(
        request.POST or None,
        initial={"name": kind.name, "follow_up_days": kind.follow_up_days, "active": kind.active},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.signal_kind_update(
                actor=user,  # type: ignore[arg-type]
                kind=kind,
                name=data["name"],
                follow_up_days=data["follow_up_days"],
                active=data["active"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De soort signaal is opgeslagen."))
            return redirect("outreach:kinds")
    return render(
        request,
        "outreach/kind_form.html",
        {"kind": kind, "form": form},
        status=400 if form.errors else 200,
    )
