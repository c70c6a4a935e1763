"""The resident's access overview: who saw their data, on screen and as CSV or PDF."""

import datetime
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.core import keyset
from wijkteam.core.csv_export import csv_response
from wijkteam.rights import pdf, selectors
from wijkteam.rights.forms import PeriodForm
from wijkteam.rights.views.common import _professional


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
    filters = {k: v.isoformat() for k, v in (("van", start), ("tot", end)) if v is not None}
    query = urlencode(filters)
    try:
        position = keyset.cursor_from_query(
            request.GET, salt=selectors.access_overview_salt(resident.pk)
        )
    except keyset.BadCursor:
        return render(
            request,
            "privacy/access_overview.html",
            {
                "resident": resident,
                "form": form,
                "page": None,
                "query": query,
                "cursor_error": _(
                    "Deze paginalink klopt niet of is verlopen. Begin opnieuw bij de eerste pagina."
                ),
            },
            status=400,
        )
    page = selectors.access_overview(
        user=user, resident=resident, date_from=start, date_to=end, position=position
    )
    links = {
        name: "?" + urlencode({**filters, direction: token})
        for name, direction, token in (
            ("next_url", keyset.NEXT, page.next_token),
            ("previous_url", keyset.PREVIOUS, page.previous_token),
        )
        if token is not None
    }
    return render(
        request,
        "privacy/access_overview.html",
        {"resident": resident, "form": form, "page": page, "query": query, **links},
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
    return csv_response(
        (
            [
                row.at.strftime("%Y-%m-%d %H:%M"),
                row.who,
                row.organisation,
                row.role,
                row.action_label,
                row.why,
            ]
            for row in rows
        ),
        header=[_("tijdstip"), _("wie"), _("organisatie"), _("rol"), _("handeling"), _("waarom")],
        filename=f"toegangsoverzicht-{stamp}.csv",
    )
