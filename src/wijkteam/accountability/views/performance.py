"""Provider performance for contract management, with its exports (CSV, xlsx, ods)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.http import current_user
from wijkteam.core.csv_export import Cell

from .. import policies
from ..exports import FORMATS, Sheet, table_response
from ..performance import RANKINGS, Line, Performance, provider_performance
from ..selectors import PERIOD_KINDS, parse_period


def _sheets(data: Performance) -> list[Sheet]:
    def common(line: Line) -> list[Cell]:
        return [
            line.allocations,
            line.started,
            line.not_started,
            line.mean_days,
            line.median_days,
            line.delivered_share,
            line.volumes(),
            line.early_stop_count,
            "; ".join(f"{reason}: {n}" for reason, n in line.stop_reasons),
            line.scaled_up,
            line.scaled_down,
            line.evaluations(),
            line.own_employer,
        ]

    columns = [
        _("Toewijzingen"),
        _("Gestart (305)"),
        _("Nog niet gestart"),
        _("Dagen tot start (gemiddeld)"),
        _("Dagen tot start (mediaan)"),
        _("Geleverd t.o.v. toegewezen (%)"),
        _("Geleverd / toegewezen omvang"),
        _("Voortijdig gestopt"),
        _("Redenen van voortijdig stoppen"),
        _("Opgeschaald"),
        _("Afgeschaald"),
        _("Evaluaties gehouden / gepland"),
        _("Toegewezen door een medewerker van deze aanbieder"),
    ]
    by_category = [[line.provider, line.category, *common(line)] for line in data.lines]
    ranked = [
        [line.rank, line.provider, *common(line), line.complaints, line.per_100(line.complaints)]
        for line in data.providers
    ]
    return [
        (_("Per productcategorie"), [_("Aanbieder"), _("Productcategorie"), *columns], by_category),
        (
            _("Per aanbieder"),
            [
                _("Rang"),
                _("Aanbieder"),
                *columns,
                _("Klachten"),
                _("Klachten per 100 toewijzingen"),
            ],
            ranked,
        ),
    ]


@login_required
def performance_view(request: HttpRequest) -> HttpResponse:
    if not policies.may_compose(request.user):
        raise Http404
    kind = request.GET.get("periode", "jaar")
    start = request.GET.get("van", f"{timezone.localdate():%Y-%m}")
    law = request.GET.get("wet", "")
    law = law if law in ("", "wmo", "jeugdwet") else ""
    ranking = request.GET.get("rang", RANKINGS[0])
    ranking = ranking if ranking in RANKINGS else RANKINGS[0]
    context: dict[str, object] = {
        "kind": kind,
        "start": start,
        "law": law,
        "ranking": ranking,
        "kinds": PERIOD_KINDS,
    }
    try:
        period = parse_period(kind, start)
    except ValidationError as exc:
        context["errors"] = [m for ms in exc.message_dict.values() for m in ms]
        return render(request, "accountability/performance.html", context, status=400)
    data = provider_performance(user=current_user(request), period=period, law=law, ranking=ranking)
    fmt = request.GET.get("formaat", "")
    if fmt in FORMATS and not data.lines:
        context["errors"] = [
            _(
                "In deze periode zijn er geen toewijzingen aan aanbieders, dus er is niets te downloaden."
            )
        ]
        return render(request, "accountability/performance.html", context, status=400)
    if fmt in FORMATS:
        filename = f"aanbieders-{period.label}".replace(" ", "-")
        return table_response(fmt, _sheets(data), filename=filename)
    context["data"] = data
    return render(request, "accountability/performance.html", context)
