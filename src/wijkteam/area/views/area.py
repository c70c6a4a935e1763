"""Area pages (wijk and buurt) and the beheerder's CBS upload."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.models import User
from wijkteam.audit import upload_scan
from wijkteam.core.forms_flow import add_service_errors

from .. import policies
from ..cbs import MAX_BYTES, CbsFileError
from ..forms import CbsUploadForm
from ..models import CbsImport
from ..selectors import figures as selectors
from ..services.figures import cbs_import


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User) or not policies.may_view_areas(user):
        raise Http404
    return user


def area_list(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    return render(
        request,
        "area/area_list.html",
        {
            "districts": selectors.area_list(user=user),
            "may_import": policies.may_import_figures(user),
        },
    )


def district_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return render(
        request, "area/area_detail.html", {"page": selectors.district_page(user=user, pk=pk)}
    )


def neighbourhood_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _user(request)
    return render(
        request, "area/area_detail.html", {"page": selectors.neighbourhood_page(user=user, pk=pk)}
    )


@require_http_methods(["GET", "POST"])
def cbs_upload(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    if not policies.may_import_figures(user):
        raise PermissionDenied(_("Alleen voor de functioneel beheerder."))
    form = CbsUploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_BYTES:
            form.add_error("file", _("Het bestand is groter dan 20 MB."))
            return render(
                request,
                "area/cbs_upload.html",
                {"form": form, "report": None, "imports": CbsImport.objects.all()[:20]},
                status=400,
            )
        try:
            upload_scan.scan_upload(
                file=upload, field="file", actor=user, where="cbs-import", case_id=None
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
            return render(
                request,
                "area/cbs_upload.html",
                {"form": form, "report": None, "imports": CbsImport.objects.all()[:20]},
                status=400,
            )
        data = upload.read()
        try:
            report = cbs_import(
                actor=user,
                data=data,
                filename=upload.name or "cbs.csv",
                year=form.cleaned_data["year"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except CbsFileError as exc:
            form.add_error("file", str(exc))
        else:
            if report.stored:
                messages.success(
                    request,
                    _("De cijfers van %(year)s zijn opgeslagen voor %(n)s gebieden.")
                    % {"year": report.year, "n": len(report.matched)},
                )
    return render(
        request,
        "area/cbs_upload.html",
        {"form": form, "report": report, "imports": CbsImport.objects.all()[:20]},
        status=400 if form.errors else 200,
    )
