"""The inbox, opening a notification, marking read, and the e-mail preferences."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wijkteam.accounts.http import current_user
from wijkteam.core.forms_flow import add_service_errors

from . import selectors, services
from .forms import PreferencesForm


def notification_list(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    number = request.GET.get("pagina", "1")
    page = selectors.notification_page(user=user, page=int(number) if number.isdigit() else 1)
    return render(request, "notifications/list.html", {"page": page})


def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    notification = selectors.notification_get(user=user, pk=pk)
    services.notification_mark_read(user=user, notification_id=notification.pk)
    if url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect(notification.url)
    return redirect("notifications:list")


@require_POST
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    user = current_user(request)
    notification = selectors.notification_get(user=user, pk=pk)
    services.notification_mark_read(user=user, notification_id=notification.pk)
    if request.headers.get("HX-Request"):
        notification.refresh_from_db(fields=["read_at"])
        return render(request, "notifications/_item.html", {"n": notification, "just_read": True})
    return redirect("notifications:list")


@require_POST
def notification_read_all(request: HttpRequest) -> HttpResponse:
    count = services.notification_mark_read(user=current_user(request))
    messages.success(request, _("%s notificatie(s) als gelezen gemarkeerd.") % count)
    return redirect("notifications:list")


@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    current = {kind: value for kind, _label, value in selectors.preferences(user=user)}
    form = PreferencesForm(request.POST or None, initial_map=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.preferences_update(actor=user, choices=form.choices_by_kind())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Uw voorkeuren zijn opgeslagen."))
            return redirect("notifications:preferences")
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "notifications/preferences.html", {"form": form}, status=status)
