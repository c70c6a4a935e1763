"""Log-in with a second factor (TOTP), enrolment and log-out."""

import base64
import logging
from typing import Any

import segno
from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from wijkteam.accounts.http import current_user
from wijkteam.audit.constants import AuditAction
from wijkteam.core.http import is_verified

from . import lockout, services
from .forms import LoginForm, TokenForm

NEXT_SESSION_KEY = "wijkteam_next"
log = logging.getLogger(__name__)  # never a user name or address: those are in the audit row


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and is_verified(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        wait = lockout.username_wait(username)
        if wait:
            return _delayed(request, form, username, wait)
        user = authenticate(request, username=username, password=form.cleaned_data["password"])
        if getattr(request, "axes_locked_out", False):
            return HttpResponse(status=429)  # axes' middleware answers with lockout_response
        if user is None:
            services.login_event_record(
                user=None, action=AuditAction.LOGIN_FAILED, username=username[:150]
            )
            form.add_error(None, _("Deze combinatie van gebruikersnaam en wachtwoord klopt niet."))
        else:
            login(request, user)
            request.session[NEXT_SESSION_KEY] = _safe_next(request, request.GET.get("next"))
            has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
            return redirect("accounts:verify" if has_device else "accounts:enrol")
    return render(
        request, "accounts/login.html", {"form": form}, status=400 if form.errors else 200
    )


def _delayed(request: HttpRequest, form: LoginForm, username: str, wait: int) -> HttpResponse:
    """Too many failures for this user name over all clients: wait, never a hard lock."""
    log.info("log-in delayed for a user name (%s s)", wait)
    services.lockout_record(username=username, kind="vertraging")
    form.add_error(
        None,
        _(
            "Er is te vaak een verkeerd wachtwoord gebruikt voor deze gebruikersnaam. "
            "Wacht %(seconds)s seconden en probeer het dan opnieuw."
        )
        % {"seconds": wait},
    )
    response = render(request, "accounts/login.html", {"form": form}, status=429)
    response["Retry-After"] = str(wait)
    return response


def lockout_response(request: HttpRequest, credentials: dict[str, Any] | None) -> HttpResponse:
    """Axes locked this user name from this client, or this client for every user name
    (``AXES_LOCKOUT_CALLABLE``: axes' middleware answers a locked request with this page)."""
    username = str((credentials or {}).get("username") or "")
    pair = lockout.failure_limit(request, {"username": username}) == lockout.USER_CLIENT_LIMIT
    kind = "gebruikersnaam en client" if pair else "client"
    log.warning("log-in locked out (%s)", kind)
    services.lockout_record(username=username, kind=kind)
    return render(request, "accounts/locked_out.html", {"pair": pair}, status=429)


def _finish(request: HttpRequest) -> HttpResponse:
    target = request.session.pop(NEXT_SESSION_KEY, None)
    services.login_event_record(user=current_user(request), action=AuditAction.LOGIN)
    return redirect(_safe_next(request, target))


@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if is_verified(request.user):
        return redirect(settings.LOGIN_REDIRECT_URL)
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect("accounts:enrol")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["otp_token"]):
            otp_login(request, device)
            request.session.cycle_key()  # a new session id once fully logged in
            return _finish(request)
        services.login_event_record(user=current_user(request), action=AuditAction.OTP_FAILED)
        form.add_error(
            "otp_token",
            _("Deze code klopt niet of is verlopen.")
            if allowed
            else _("Te veel foute codes. Wacht even en probeer het dan opnieuw."),
        )
    return render(
        request, "accounts/verify.html", {"form": form}, status=400 if form.errors else 200
    )


@require_http_methods(["GET", "POST"])
def enrol_view(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect(settings.LOGIN_URL)
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        return redirect("accounts:verify")
    device = services.totp_device_for_enrolment(user=current_user(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_confirm(
            user=current_user(request),
            device=device,
            token=form.cleaned_data["otp_token"],
        ):
            otp_login(request, device)
            request.session.cycle_key()  # a new session id once fully logged in
            return _finish(request)
        form.add_error("otp_token", _("Deze code klopt niet. Controleer de tijd op uw telefoon."))
    secret = base64.b32encode(device.bin_key).decode()
    qr = segno.make(device.config_url, error="m")
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "qr_data_uri": qr.svg_data_uri(scale=4, dark="#000", light="#fff"),
    }
    return render(request, "accounts/enrol.html", context, status=400 if form.errors else 200)


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.login_event_record(user=current_user(request), action=AuditAction.LOGOUT)
    logout(request)
    return redirect(settings.LOGOUT_REDIRECT_URL)
