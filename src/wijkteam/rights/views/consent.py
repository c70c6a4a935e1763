"""Consent screens: the resident's consents, recording consent or sharing on a legal ground,
and withdrawing it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.rights import selectors, services
from wijkteam.rights.forms import ConsentForm, ConsentRefusalForm, LegalGroundForm, WithdrawForm
from wijkteam.rights.views.common import _form_page, _professional


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
            "refusals": selectors.consent_refusals(resident=resident),
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


@require_http_methods(["GET", "POST"])
def consent_refuse(request: HttpRequest, resident_pk: int) -> HttpResponse:
    """Record that the resident refused consent (the same scope as recording consent)."""
    user = _professional(request)
    resident = selectors.resident_for_privacy(
        user=user, pk=resident_pk, purpose=_("weigering van toestemming vastleggen")
    )
    form = ConsentRefusalForm(request.POST or None, resident=resident)
    status = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.consent_refuse(
                actor=user,
                resident=resident,
                organisation=data["organisation"],
                category=data["category"],
                refused_on=data["refused_on"],
                reason=data["reason"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        else:
            messages.success(request, _("De weigering is vastgelegd."))
            return redirect("privacy:consent_list", resident_pk=resident.pk)
    return _form_page(
        request,
        form,
        {
            "title": _("Weigering van toestemming vastleggen voor %s") % resident.full_name,
            "intro": _(
                "De inwoner wil deze gegevens niet delen met deze organisatie. Er wordt niets "
                "gedeeld. In de cijfers telt alleen het aantal weigeringen, nooit de inwoner."
            ),
            "cancel_url": reverse("privacy:consent_list", args=[resident.pk]),
            "submit": _("Weigering vastleggen"),
        },
        status=status,
    )
