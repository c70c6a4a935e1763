"""The Wmo-raad's overviews: compose, preview and publish (beleidsmedewerker); read (both)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.http import current_user
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.core.pdf import CONTENT_TYPE, render_pdf

from .. import policies, publications, services
from ..forms import OverviewForm
from ..models import Overview
from ..published_html import published_tables


def _composer(request: HttpRequest) -> None:
    if not policies.may_compose(request.user):
        raise Http404


def _reader(request: HttpRequest) -> None:
    if not policies.may_read_published(request.user):
        raise Http404


@login_required
def overview_list(request: HttpRequest) -> HttpResponse:
    _composer(request)
    overviews = publications.overview_list(user=current_user(request))
    return render(request, "accountability/overview_list.html", {"overviews": overviews})


def _form_page(request: HttpRequest, overview: Overview | None) -> HttpResponse:
    initial: dict[str, object] = {
        "period_kind": "kwartaal",
        "period_month": f"{timezone.localdate():%Y-%m}",
    }
    if overview is not None:
        initial = {
            "title": overview.title,
            "period_kind": overview.period_kind,
            "period_month": f"{overview.period_start:%Y-%m}",
            "threshold": overview.threshold,
            "explanation": overview.explanation,
        }
    form = OverviewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.overview_save(
                actor=current_user(request), overview=overview, **form.cleaned_data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Het overzicht is opgeslagen. Bekijk hieronder de voorvertoning.")
            )
            return redirect("accountability:overview", pk=saved.pk)
    return render(
        request,
        "accountability/overview_form.html",
        {"form": form, "overview": overview},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def overview_create(request: HttpRequest) -> HttpResponse:
    _composer(request)
    return _form_page(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def overview_edit(request: HttpRequest, pk: int) -> HttpResponse:
    _composer(request)
    return _form_page(request, publications.overview_get(user=current_user(request), pk=pk))


@login_required
@require_http_methods(["GET", "POST"])
def overview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft with its preview; POST publishes it."""
    _composer(request)
    user = current_user(request)
    overview = publications.overview_get(user=user, pk=pk)
    errors: list[str] = []
    if request.method == "POST":
        try:
            version = services.overview_publish(actor=user, overview=overview)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(
                request, _("Versie %(n)s is gepubliceerd voor de Wmo-raad.") % {"n": version.number}
            )
            return redirect("accountability:published", pk=version.pk)
    preview = publications.overview_preview(user=user, overview=overview)
    return render(
        request,
        "accountability/overview_detail.html",
        {
            "overview": overview,
            "preview": preview,
            "errors": errors,
            "versions": overview.versions.defer("sections").order_by("-number"),
        },
        status=400 if errors else 200,
    )


@login_required
def published_list(request: HttpRequest) -> HttpResponse:
    _reader(request)
    versions = publications.published_list(user=current_user(request))
    return render(request, "accountability/published_list.html", {"versions": versions})


@login_required
def published_detail(request: HttpRequest, pk: int) -> HttpResponse:
    _reader(request)
    try:
        version = publications.published_get(user=current_user(request), pk=pk)
    except PermissionDenied:
        raise Http404 from None
    if request.GET.get("formaat") == "pdf":
        context = {"version": version, "points": publications.by_point(version.sections)}
        pdf = render_pdf("accountability/published_pdf.html", context)
        response = HttpResponse(pdf, content_type=CONTENT_TYPE)
        name = f"wmo-raad-{version.period_label}-v{version.number}".replace(" ", "-")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response
    # The tables come from the cache (published_html): the points are not needed here.
    context = {"version": version, "tables": published_tables(version)}
    return render(request, "accountability/published_detail.html", context)
