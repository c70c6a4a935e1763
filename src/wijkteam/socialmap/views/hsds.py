"""HSDS 3.0: download the social map as JSON, import a file (with a dry run first)."""

import json

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.audit import upload_scan
from wijkteam.organisation.models import Municipality

from .. import selectors
from ..forms import HsdsImportForm
from ..hsds.export import export_page
from ..services.hsds import hsds_import
from .common import maintainer_required


@require_GET
@maintainer_required
def hsds_export(request: HttpRequest) -> HttpResponse:
    raw = request.GET.get("gemeente", "")
    if raw.isdigit() and len(raw) <= 18:
        municipality = get_object_or_404(Municipality, pk=int(raw))
    else:
        municipality = get_object_or_404(Municipality.objects.order_by("pk")[:1])
    services = selectors.hsds_services(user=request.user, municipality_id=municipality.pk)  # type: ignore[arg-type]
    body = json.dumps(export_page(services), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="sociale-kaart-{municipality.cbs_code}-hsds-3.0.json"'
    )
    return response


@require_http_methods(["GET", "POST"])
@maintainer_required
def hsds_import_page(request: HttpRequest) -> HttpResponse:
    form = HsdsImportForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                upload_scan.scan_upload(
                    file=data["file"],
                    field="file",
                    actor=request.user,  # type: ignore[arg-type]
                    where="hsds-import",
                    case_id=None,
                )
                report = hsds_import(
                    actor=request.user,  # type: ignore[arg-type]
                    municipality=data["municipality"],
                    raw=data["file"].read(),
                    dry_run=data["dry_run"],
                )
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("file", message)
        if form.errors:
            status = 400
    return render(
        request,
        "socialmap/hsds_import.html",
        {
            "form": form,
            "report": report,
            "municipalities": Municipality.objects.order_by("name"),
            "title": _("Sociale kaart uitwisselen (HSDS 3.0)"),
        },
        status=status,
    )
