"""Screens of the case journal (contact moments) and the case timeline (print and PDF)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.core.pdf import render_pdf
from wijkteam.privacy.reads import professional_user as _professional

from .. import selectors_journal as journal
from ..forms_journal import JournalEntryForm
from ..services.journal import journal_entry_create, journal_entry_update


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("pagina", "1")
    return int(raw) if raw.isdigit() and len(raw) < 6 else 1


@require_GET
def journal_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    view = journal.journal_page(user=user, case_pk=pk, page=_page_number(request))
    return render(
        request,
        "cases/journal/list.html",
        {"view": view, "case": view.frame.case, "page_obj": view.page},
    )


@require_http_methods(["GET", "POST"])
def journal_add(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    frame = journal.journal_case_for_work(user=user, case_pk=pk)
    case = frame.case
    form = JournalEntryForm(
        request.POST or None, categories=journal.writable_categories(frame.categories)
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            journal_entry_create(
                actor=user,
                case=case,
                occurred_on=data["occurred_on"],
                kind=data["kind"],
                with_whom=data["with_whom"],
                note=data["note"],
                category=data["category"],
                idempotency_key=data["idempotency_key"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het contactmoment staat in het journaal."))
            return redirect("cases:journal", pk=case.pk)
    return render(
        request,
        "cases/journal/form.html",
        {"form": form, "case": case, "view": frame, "title": _("Contactmoment vastleggen")},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def journal_edit(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    user = _professional(request)
    frame, entry = journal.journal_entry_for_work(user=user, case_pk=pk, pk=entry_pk)
    initial = {
        "occurred_on": entry.occurred_on,
        "kind": entry.kind,
        "with_whom": entry.with_whom,
        "note": entry.note,
        "category": entry.category,
        "version": entry.version,
    }
    form = JournalEntryForm(
        request.POST or None,
        initial=initial,
        categories=journal.writable_categories(frame.categories),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            journal_entry_update(
                actor=user,
                entry=entry,
                expected_version=data["version"] or 0,
                occurred_on=data["occurred_on"],
                kind=data["kind"],
                with_whom=data["with_whom"],
                note=data["note"],
                category=data["category"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Het contactmoment is gewijzigd."))
            return redirect("cases:journal", pk=frame.case.pk)
    return render(
        request,
        "cases/journal/form.html",
        {
            "form": form,
            "case": frame.case,
            "view": frame,
            "entry": entry,
            "title": _("Contactmoment wijzigen"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    view = journal.timeline_page(user=user, case_pk=pk, kinds=request.GET.getlist("soort"))
    query = "&".join(f"soort={k}" for k in view.chosen)
    return render(
        request,
        "cases/timeline.html",
        {
            "view": view,
            "case": view.frame.case,
            "pdf_url": reverse("cases:timeline_pdf", args=[pk]) + (f"?{query}" if query else ""),
        },
    )


@require_GET
def timeline_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    view = journal.timeline_export(user=user, case_pk=pk, kinds=request.GET.getlist("soort"))
    with translation.override("nl"):
        pdf = render_pdf(
            "cases/pdf/tijdlijn.html",
            {"view": view, "case": view.frame.case, "labels": view.labels},
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="tijdlijn-casus-{pk}.pdf"'
    response["Cache-Control"] = "no-store"
    return response


urlpatterns = [
    path("casussen/<id:pk>/journaal/", journal_list, name="journal"),
    path("casussen/<id:pk>/journaal/nieuw/", journal_add, name="journal_add"),
    path("casussen/<id:pk>/journaal/<id:entry_pk>/wijzigen/", journal_edit, name="journal_edit"),
    path("casussen/<id:pk>/tijdlijn/", timeline, name="timeline"),
    path("casussen/<id:pk>/tijdlijn.pdf", timeline_pdf, name="timeline_pdf"),
]
