"""The log-wide access-log overview (NEN 7513 control) and its CSV download, for the
functioneel beheerder only (``policies.may_review_access_log``); anyone else gets a 403 and a
REFUSED entry in the log."""

from typing import Any
from urllib.parse import urlencode

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from wijkteam.accounts.http import current_user
from wijkteam.accounts.models import User
from wijkteam.core import keyset
from wijkteam.core.csv_export import csv_streaming_response
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.rights import selectors_access_log as log_selectors
from wijkteam.rights.forms_access_log import AccessLogFilterForm
from wijkteam.rights.policies import may_review_access_log

TEMPLATE = "privacy/access_log.html"


def _reviewer(request: HttpRequest) -> User:
    user = current_user(request)
    if not may_review_access_log(user):
        log_access(
            user=user,
            action=AccessAction.REFUSED,
            residents=[],
            purpose=_("geweigerd: de toegangslog is alleen voor de functioneel beheerder"),
        )
        raise PermissionDenied
    return user


def _page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(
        request,
        TEMPLATE,
        {"page": None, "query": "", "max_days": log_selectors.MAX_EXPORT_DAYS, **context},
        status=status,
    )


@require_GET
def access_log(request: HttpRequest) -> HttpResponse:
    user = _reviewer(request)
    form = AccessLogFilterForm(request.GET)
    if not form.is_valid():
        return _page(request, {"form": form}, status=400)
    filters = form.filters()
    query = form.query()
    try:
        position = keyset.cursor_from_query(request.GET, salt=filters.salt())
    except keyset.BadCursor:
        message = _(
            "Deze paginalink klopt niet of is verlopen. Begin opnieuw bij de eerste pagina."
        )
        return _page(
            request,
            {"form": form, "query": urlencode(query), "cursor_error": message},
            status=400,
        )
    page = log_selectors.access_log_page(user=user, filters=filters, position=position)
    links = {
        name: "?" + urlencode({**query, direction: token})
        for name, direction, token in (
            ("next_url", keyset.NEXT, page.next_token),
            ("previous_url", keyset.PREVIOUS, page.previous_token),
        )
        if token is not None
    }
    return _page(request, {"form": form, "page": page, "query": urlencode(query), **links})


@require_GET
def access_log_export(request: HttpRequest) -> HttpResponseBase:
    user = _reviewer(request)
    form = AccessLogFilterForm(request.GET)
    problem = form.export_problem() if form.is_valid() else None
    if not form.is_valid() or problem is not None:
        return _page(
            request,
            {"form": form, "query": urlencode(form.query()), "export_error": problem},
            status=400,
        )
    rows = log_selectors.access_log_export(user=user, filters=form.filters())
    stamp = timezone.localdate().isoformat()
    return csv_streaming_response(
        (
            [
                row.at.strftime("%Y-%m-%d %H:%M:%S"),
                row.account,
                row.who,
                row.role,
                row.organisation,
                row.action_label,
                row.object_type,
                row.object_id,
                row.why,
                row.residents,
                row.entry_id,
            ]
            for row in rows
        ),
        header=[
            _("tijdstip"),
            _("account"),
            _("wie"),
            _("rol"),
            _("organisatie"),
            _("handeling"),
            _("soort gegeven"),
            _("gegeven"),
            _("waarom"),
            _("aantal inwoners"),
            _("regel"),
        ],
        filename=f"toegangslog-{stamp}.csv",
    )
