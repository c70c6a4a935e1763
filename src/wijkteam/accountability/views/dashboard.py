"""The dashboard page with its drill-down (municipality, team, wijk) and its exports."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wijkteam.accounts.http import current_user
from wijkteam.accounts.policies import can_view_aggregate_reports
from wijkteam.core.csv_export import Cell

from .. import policies
from ..dashboard_html import figures_html
from ..exports import FORMATS, table_response
from ..selectors import PERIOD_KINDS, dashboard, parse_period, scope


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    if not can_view_aggregate_reports(request.user):
        raise Http404
    kind = request.GET.get("periode", "maand")
    start = request.GET.get("van", f"{timezone.localdate():%Y-%m}")
    law = request.GET.get("wet", "")
    team_id, district_id = request.GET.get("team", ""), request.GET.get("wijk", "")
    context: dict[str, object] = {
        "kind": kind,
        "start": start,
        "law": law,
        "kinds": PERIOD_KINDS,
        "team_id": team_id,
        "district_id": district_id,
    }
    try:
        if law not in ("", "wmo", "jeugdwet"):
            raise ValidationError({"wet": _("Kies wmo of jeugdwet, of laat de wet leeg.")})
        period = parse_period(kind, start)
        team, district = scope(
            team_id, district_id, policies.municipality_ids(current_user(request))
        )
    except ValidationError as exc:
        context["errors"] = [m for ms in exc.message_dict.values() for m in ms]
        return render(request, "accountability/dashboard.html", context, status=400)
    data = dashboard(
        user=current_user(request), period=period, law=law, team=team, district=district
    )
    fmt = request.GET.get("formaat", "")
    if fmt in FORMATS and data.empty:
        context["errors"] = [
            _("Voor deze periode zijn er geen cijfers, dus er is niets te downloaden.")
        ]
        return render(request, "accountability/dashboard.html", context, status=400)
    if fmt in FORMATS:
        first = {"gemeente": _("Team"), "team": _("Wijk"), "wijk": _("Wijk")}[data.level]
        header = [first, *[str(i.title) for i in data.indicators]]
        rows = [[row.label, *row.values] for row in data.rows]
        trend_header = [_("Indicator"), *[label for label, _v in data.trends[0].points]]
        trend_rows = [[str(t.indicator.title), *[v for _l, v in t.points]] for t in data.trends]
        parts = ["indicatoren", period.label]
        parts += [p.name for p in (team, district) if p is not None]
        filename = slugify("-".join(parts)) or "indicatoren"
        category_header = [
            _("Productcategorie"),
            _("Aantal besluiten"),
            _("Budget (euro)"),
            _("Omvang over de geldigheid"),
        ]
        category_rows: list[list[Cell]] = [
            [
                f"{c.code} {c.label}",
                c.decisions,
                c.budget,
                "; ".join(f"{v} {unit}" for unit, v in c.volumes),
            ]
            for c in data.categories
        ]
        return table_response(
            fmt,
            [
                (period.label, header, rows),
                (_("Verloop"), trend_header, trend_rows),
                (_("Maatwerk"), category_header, category_rows),
            ],
            filename=filename,
        )
    context["data"] = data
    context["figures"] = figures_html(data, context)
    return render(request, "accountability/dashboard.html", context)
