"""Account management by the functioneel beheerder."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.http import current_user
from wijkteam.core.forms_flow import form_page

from . import lockout, policies, selectors, services
from .forms import UserCreateForm, UserUpdateForm
from .models import User


def _require(request: HttpRequest) -> None:
    if not policies.can_configure(request.user):
        raise PermissionDenied


def user_list(request: HttpRequest) -> HttpResponse:
    _require(request)
    users = User.objects.order_by("last_name", "first_name", "username")
    return render(request, "accounts/user_list.html", {"users": users})


@require_http_methods(["GET", "POST"])
def user_create(request: HttpRequest) -> HttpResponse:
    _require(request)
    form = UserCreateForm(request.POST or None)

    def save(f: Any) -> User:
        data = f.cleaned_data
        return services.user_create(
            actor=current_user(request),
            username=data["username"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"],
            system_role=data["system_role"],
            password=data["password"],
        )

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda _u: reverse("accounts:user_list"),
        template="organisation/form.html",
        context={"title": _("Nieuw account"), "cancel_url": reverse("accounts:user_list")},
    )


@require_http_methods(["GET", "POST"])
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _require(request)
    user = get_object_or_404(User, pk=pk)
    form = UserUpdateForm(request.POST or None, instance=user)

    def save(f: Any) -> User:
        return services.user_update(
            actor=current_user(request),
            user=f.instance,
            expected_version=f.cleaned_data["expected_version"],
        )

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda _u: reverse("accounts:user_list"),
        template="organisation/form.html",
        context={"title": _("Account wijzigen"), "cancel_url": reverse("accounts:user_list")},
    )


@require_http_methods(["GET", "POST"])
def lockout_list(request: HttpRequest) -> HttpResponse:
    """The lock-outs and delays of log-ins, and lifting one (functioneel beheerder)."""
    _require(request)
    if request.method == "POST":
        username = request.POST.get("username", "")[:255]
        ip_address = request.POST.get("ip_address", "")[:45]
        try:
            removed = services.lockout_lift(
                actor=current_user(request), username=username, ip_address=ip_address
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                _("De blokkade is opgeheven (%(n)s pogingen vergeten).") % {"n": removed},
            )
        return redirect("accounts:lockout_list")
    context = {
        **selectors.lockouts(),
        "pair_limit": lockout.USER_CLIENT_LIMIT,
        "client_limit": lockout.CLIENT_LIMIT,
    }
    return render(request, "accounts/lockout_list.html", context)
