"""The dashboard page and its CSV/XLSX export (tablib)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.policies import can_view_aggregate_reports

from ..exports import FORMATS, table_response
from ..selectors import PERIOD_KINDS, dashboard, parse_period


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    if not can_view_aggregate_reports(request.user):
        raise Http404
    kind = request.GET.get("periode", "maand")
    start = request.GET.get("van", f"{timezone.localdate():%Y-%m}")
    law = request.GET.get("wet", "")
    if law not in ("", "wmo", "jeugdwet"):
        law = ""
    context: dict[str, object] = {"kind": kind, "start": start, "law": law, "kinds": PERIOD_KINDS}
    try:
        period = parse_period(kind, start)
    except ValidationError as exc:
        context["errors"] = [m for ms in exc.message_dict.values() for m in ms]
        return render(request, "accountability/dashboard.html", context, status=400)
    data = dashboard(user=request.user, period=period, law=law)  # type: ignore[arg-type]
    fmt = request.GET.get("formaat", "")
    if fmt in FORMATS:
        header = [_("Team"), *[str(i.title) for i in data.indicators]]
        rows = [[name, *values] for name, values in data.rows]
        filename = f"indicatoren-{period.label}".replace(" ", "-")
        return table_response(fmt, [(period.label, header, rows)], filename=filename)
    context["data"] = data
    return render(request, "accountability/dashboard.html", context)
