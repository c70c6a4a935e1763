"""Privacy screens: consent, doorbraak, the resident's access overview, inzage and correction,
the register of processing and retention. Thin: parse, call a selector or service, render."""

import csv
import datetime
import io
import json
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.core.http import current_user
from wijkteam.organisation import policies as org_policies

from . import inzage as inzage_export
from . import pdf, register, selectors, services
from .access_log import log_access
from .constants import AccessAction, InzageStatus
from .forms import (
    ConsentForm,
    CorrectionDecideForm,
    CorrectionForm,
    EmergencyForm,
    EmergencyReviewForm,
    InzageCompleteForm,
    InzageExtendForm,
    InzageForm,
    LegalGroundForm,
    PeriodForm,
    RetentionRuleForm,
    WithdrawForm,
)
from .models import RetentionRule
from .policies import leader_team_ids, may_manage_retention, may_view_register


def _professional(request: HttpRequest) -> User:
    user = current_user(request)
    if not org_policies.is_professional(user):
        raise Http404
    return user


def _status(form: forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def _form_page(
    request: HttpRequest, form: forms.BaseForm, context: dict[str, Any], status: int | None = None
) -> HttpResponse:
    return render(
        request,
        "privacy/form.html",
        {"form": form, **context},
        status=status if status is not None else _status(form),
    )


def term_status(due_on: datetime.date, done_on: datetime.date | None = None) -> dict[str, str]:
    """Status of a request's term for display (on time, due soon, overdue, met)."""
    today = timezone.localdate()
    if done_on is not None:
        status = "met_late" if done_on > due_on else "met"
    elif today > due_on:
        status = "overdue"
    elif (due_on - today).days <= 5:
        status = "due_soon"
    else:
        status = "on_time"
    label = deadlines.STATUS_LABELS[deadlines.TermStatus(status)]
    return {"status": status, "label": _(label)}


# --------------------------------------------------------------------------------------------
# Consent
# --------------------------------------------------------------------------------------------


def consent_list(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("toestemmingen bekeken")
    )
    today = timezone.localdate()
    consents = selectors.consent_list(resident=resident)
    return render(
        request,
        "privacy/consent_list.html",
        {
            "resident": resident,
            "consents": [(c, c.is_valid_on(today)) for c in consents],
        },
    )


def _sharing_page(request: HttpRequest, resident_pk: int, *, legal_ground: bool) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user,
        pk=resident_pk,
        purpose=_("delen op wettelijke grondslag vastleggen")
        if legal_ground
        else _("toestemming vastleggen"),
    )
    form_class = LegalGroundForm if legal_ground else ConsentForm
    form = form_class(request.POST or None, resident=resident)
    status = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if legal_ground:
                services.legal_ground_record(
                    actor=user,
                    resident=resident,
                    organisation=data["organisation"],
                    purpose=data["purpose"],
                    categories=data["categories"],
                    legal_ground=data["legal_ground"],
                    justification=data["justification"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                )
            else:
                services.consent_record(
                    actor=user,
                    resident=resident,
                    organisation=data["organisation"],
                    purpose=data["purpose"],
                    categories=data["categories"],
                    given_how=data["given_how"],
                    valid_from=data["valid_from"],
                    valid_until=data["valid_until"],
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(
                request,
                _("Het delen op een wettelijke grondslag is vastgelegd.")
                if legal_ground
                else _("De toestemming is vastgelegd."),
            )
            return redirect("privacy:consent_list", resident_pk=resident.pk)
    title = (
        _("Delen zonder toestemming vastleggen voor %s")
        if legal_ground
        else _("Toestemming vastleggen voor %s")
    ) % resident.full_name
    return _form_page(
        request,
        form,
        {
            "title": title,
            "intro": _(
                "Alleen op een grondslag uit de lijst en met een onderbouwing. Het delen staat in "
                "de toegangslog en in het overzicht van de inwoner."
            )
            if legal_ground
            else "",
            "cancel_url": reverse("privacy:consent_list", args=[resident.pk]),
            "submit": _("Vastleggen"),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def consent_create(request: HttpRequest, resident_pk: int) -> HttpResponse:
    return _sharing_page(request, resident_pk, legal_ground=False)


@require_http_methods(["GET", "POST"])
def legal_ground_create(request: HttpRequest, resident_pk: int) -> HttpResponse:
    return _sharing_page(request, resident_pk, legal_ground=True)


@require_http_methods(["GET", "POST"])
def consent_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    consent = selectors.consent_get(user=user, pk=pk)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_withdraw(actor=user, consent=consent, note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Ingetrokken; dit geldt vanaf nu."))
            return redirect("privacy:consent_list", resident_pk=consent.resident_id)
    return _form_page(
        request,
        form,
        {
            "title": _("%(what)s intrekken: %(org)s")
            % {"what": consent.get_basis_display(), "org": consent.organisation.name},
            "intro": _(
                "Intrekken werkt direct: de organisatie ziet deze gegevens daarna niet meer."
            ),
            "cancel_url": reverse("privacy:consent_list", args=[consent.resident_id]),
            "submit": _("Intrekken"),
        },
    )


# --------------------------------------------------------------------------------------------
# Emergency access (doorbraak)
# --------------------------------------------------------------------------------------------


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


# --------------------------------------------------------------------------------------------
# The resident's access overview
# --------------------------------------------------------------------------------------------


def _period(request: HttpRequest) -> tuple[PeriodForm, datetime.date | None, datetime.date | None]:
    form = PeriodForm(request.GET or None)
    if form.is_bound and form.is_valid():
        return form, form.cleaned_data.get("van"), form.cleaned_data.get("tot")
    return form, None, None


def access_overview(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(user=user, pk=resident_pk, purpose="", log=False)
    form, start, end = _period(request)
    if form.is_bound and form.errors:
        return render(
            request,
            "privacy/access_overview.html",
            {"resident": resident, "form": form, "page": None, "query": ""},
            status=400,
        )
    number = request.GET.get("pagina", "1")
    page = selectors.access_overview(
        user=user,
        resident=resident,
        date_from=start,
        date_to=end,
        page=int(number) if number.isdigit() else 1,
    )
    query = "&".join(
        f"{k}={v.isoformat()}" for k, v in (("van", start), ("tot", end)) if v is not None
    )
    return render(
        request,
        "privacy/access_overview.html",
        {"resident": resident, "form": form, "page": page, "query": query},
    )


def access_overview_export(request: HttpRequest, resident_pk: int, fmt: str) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(user=user, pk=resident_pk, purpose="", log=False)
    form, start, end = _period(request)
    if form.is_bound and form.errors:
        return render(
            request,
            "privacy/access_overview.html",
            {"resident": resident, "form": form, "page": None, "query": ""},
            status=400,
        )
    rows = selectors.access_overview_export(
        user=user, resident=resident, date_from=start, date_to=end, fmt=fmt
    )
    stamp = timezone.localdate().isoformat()
    if fmt == "pdf":
        body = pdf.access_overview_pdf(
            resident_name=resident.full_name, rows=rows, date_from=start, date_to=end
        )
        response = HttpResponse(body, content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="toegangsoverzicht-{stamp}.pdf"'
        return response
    out = io.StringIO()
    out.write("\ufeff")  # so that spreadsheet programs read the UTF-8 correctly
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [_("tijdstip"), _("wie"), _("organisatie"), _("rol"), _("handeling"), _("waarom")]
    )
    for row in rows:
        writer.writerow(
            [
                row.at.strftime("%Y-%m-%d %H:%M"),
                row.who,
                row.organisation,
                row.role,
                row.action_label,
                row.why,
            ]
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="toegangsoverzicht-{stamp}.csv"'
    return response


# --------------------------------------------------------------------------------------------
# Inzage and correction
# --------------------------------------------------------------------------------------------


def requests_for_resident(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("inzage- en correctieverzoeken bekeken")
    )
    inzage = [
        (r, term_status(r.due_on, r.provided_on))
        for r in selectors.inzage_requests(resident=resident)
    ]
    corrections = [
        (c, term_status(c.due_on, c.decided_on))
        for c in selectors.correction_requests(resident=resident)
    ]
    return render(
        request,
        "privacy/requests_for_resident.html",
        {"resident": resident, "inzage": inzage, "corrections": corrections},
    )


def open_requests(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    inzage = [(r, term_status(r.due_on)) for r in selectors.open_inzage_requests(user=user)]
    corrections = [
        (c, term_status(c.due_on)) for c in selectors.open_correction_requests(user=user)
    ]
    return render(
        request, "privacy/open_requests.html", {"inzage": inzage, "corrections": corrections}
    )


@require_http_methods(["GET", "POST"])
def inzage_create(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("inzageverzoek registreren")
    )
    form = InzageForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = services.inzage_register(actor=user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Het inzageverzoek is geregistreerd. Beantwoord het uiterlijk op %s.")
                % created.due_on.strftime("%d-%m-%Y"),
            )
            return redirect("privacy:inzage_detail", pk=created.pk)
    return _form_page(
        request,
        form,
        {
            "title": _("Inzageverzoek registreren voor %s") % resident.full_name,
            "intro": _(
                "De inwoner heeft recht op inzage in alle gegevens (AVG artikel 15). Het verzoek "
                "wordt binnen een maand beantwoord; verlengen met twee maanden kan één keer."
            ),
            "cancel_url": reverse("privacy:requests", args=[resident.pk]),
            "submit": _("Registreren"),
        },
    )


def inzage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    item = selectors.inzage_get(user=user, pk=pk)
    return render(
        request,
        "privacy/inzage_detail.html",
        {
            "item": item,
            "resident": item.resident,
            "term": term_status(item.due_on, item.provided_on),
            "is_open": item.status == InzageStatus.ONTVANGEN,
        },
    )


def inzage_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    user = _professional(request)
    item = selectors.inzage_get(user=user, pk=pk, log=False)  # the export logs itself
    data = inzage_export.inzage_export(user=user, request=item, fmt=fmt)
    stamp = timezone.localdate().isoformat()
    if fmt == "pdf":
        response = HttpResponse(pdf.inzage_pdf(data), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="inzage-{item.pk}-{stamp}.pdf"'
        return response
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="inzage-{item.pk}-{stamp}.json"'
    return response


def _inzage_action(
    request: HttpRequest, pk: int, form_class: type[forms.Form], title: str
) -> HttpResponse:
    user = _professional(request)
    item = selectors.inzage_get(user=user, pk=pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if form_class is InzageExtendForm:
                services.inzage_extend(actor=user, request=item, reason=form.cleaned_data["reason"])
            else:
                services.inzage_complete(
                    actor=user, request=item, provided_on=form.cleaned_data["provided_on"]
                )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het inzageverzoek is bijgewerkt."))
            return redirect("privacy:inzage_detail", pk=item.pk)
    return _form_page(
        request,
        form,
        {
            "title": title,
            "cancel_url": reverse("privacy:inzage_detail", args=[item.pk]),
            "submit": _("Opslaan"),
        },
    )


@require_http_methods(["GET", "POST"])
def inzage_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _inzage_action(
        request, pk, InzageExtendForm, _("Termijn van het inzageverzoek verlengen")
    )


@require_http_methods(["GET", "POST"])
def inzage_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _inzage_action(request, pk, InzageCompleteForm, _("Inzageverzoek afhandelen"))


@require_http_methods(["GET", "POST"])
def correction_create(request: HttpRequest, resident_pk: int) -> HttpResponse:
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("correctieverzoek registreren")
    )
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_register(actor=user, resident=resident, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het correctieverzoek is geregistreerd."))
            return redirect("privacy:requests", resident_pk=resident.pk)
    return _form_page(
        request,
        form,
        {
            "title": _("Correctieverzoek registreren voor %s") % resident.full_name,
            "intro": _(
                "De inwoner kan vragen onjuiste gegevens te verbeteren (AVG artikel 16). Verbeter "
                "de gegevens zelf in het dossier en leg hier de uitkomst vast."
            ),
            "cancel_url": reverse("privacy:requests", args=[resident.pk]),
            "submit": _("Registreren"),
        },
    )


@require_http_methods(["GET", "POST"])
def correction_decide(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    correction = selectors.correction_get(user=user, pk=pk)
    form = CorrectionDecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.correction_decide(
                actor=user,
                correction=correction,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
                decided_on=form.cleaned_data["decided_on"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De uitkomst van het correctieverzoek is vastgelegd."))
            return redirect("privacy:requests", resident_pk=correction.resident_id)
    return _form_page(
        request,
        form,
        {
            "title": _("Besluit op correctieverzoek"),
            "intro": correction.concerns,
            "cancel_url": reverse("privacy:requests", args=[correction.resident_id]),
            "submit": _("Vastleggen"),
        },
    )


# --------------------------------------------------------------------------------------------
# Register of processing (AVG art. 30) and retention
# --------------------------------------------------------------------------------------------


def _register_user(request: HttpRequest) -> User:
    user = current_user(request)
    if not may_view_register(user):
        raise PermissionDenied
    return user


def processing_register(request: HttpRequest) -> HttpResponse:
    _register_user(request)
    return render(request, "privacy/register.html", {"registers": register.build_register()})


def processing_register_download(request: HttpRequest, fmt: str) -> HttpResponse:
    _register_user(request)
    registers = register.build_register()
    stamp = timezone.localdate().isoformat()
    if fmt == "csv":
        response = HttpResponse(
            "\ufeff" + register.register_csv(registers), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="verwerkingsregister-{stamp}.csv"'
        return response
    response = HttpResponse(
        json.dumps(register.register_json(registers), ensure_ascii=False, indent=2),
        content_type="application/json",
    )
    response["Content-Disposition"] = f'attachment; filename="verwerkingsregister-{stamp}.json"'
    return response


def retention_overview(request: HttpRequest) -> HttpResponse:
    user = _register_user(request)
    number = request.GET.get("pagina", "1")
    return render(
        request,
        "privacy/retention.html",
        {
            "rules": selectors.retention_rules(user=user),
            "page": selectors.destruction_records(
                user=user, page=int(number) if number.isdigit() else 1
            ),
            "can_edit": may_manage_retention(user),
        },
    )


@require_http_methods(["GET", "POST"])
def retention_rule_edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    if not may_manage_retention(user):
        raise PermissionDenied
    rule = RetentionRule.objects.filter(pk=pk).first()
    if rule is None:
        raise Http404
    form = RetentionRuleForm(
        request.POST or None,
        initial={"years": rule.years, "source": rule.source, "to_confirm": rule.to_confirm},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.retention_rule_update(actor=user, rule=rule, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De bewaartermijn is opgeslagen."))
            return redirect("privacy:retention")
    return _form_page(
        request,
        form,
        {
            "title": _("Bewaartermijn: %s") % rule.get_kind_display(),
            "intro": _("Termijn loopt %s.") % rule.starts,
            "cancel_url": reverse("privacy:retention"),
            "submit": _("Opslaan"),
        },
    )
