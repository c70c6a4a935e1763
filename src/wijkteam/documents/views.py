"""Screens of the documents of a case: the list, adding, downloading and removing one."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user as _professional

from . import selectors, services
from .forms import UploadForm


@require_GET
def document_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    number = request.GET.get("pagina", "1")
    view = selectors.documents_page(
        user=user, case_pk=pk, page=int(number) if number.isdigit() else 1
    )
    return render(
        request,
        "documents/list.html",
        {"view": view, "case": view.case, "page": view.page, "current_link": selectors.LINK_SLUG},
    )


@require_http_methods(["GET", "POST"])
def document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    context = selectors.upload_context(user=user, case_pk=pk)
    form = UploadForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        context=context,
        max_size=filesizeformat(services.max_bytes()),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.document_upload(
                actor=user,
                case=context.case,
                document_type=data["document_type"],
                file=data["file"],
                description=data["description"],
                resident=data.get("resident"),
                action=data.get("action"),
                decision=data.get("decision"),
                upload_token=data["upload_token"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het document is toegevoegd."))
            return redirect("documents:list", pk=context.case.pk)
    return render(
        request,
        "documents/upload.html",
        {"form": form, "case": context.case},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
def document_download(request: HttpRequest, pk: int, dpk: int) -> FileResponse:
    user = _professional(request)
    document, handle = selectors.document_download(user=user, case_pk=pk, pk=dpk)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.original_name,
        content_type=document.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def document_delete(request: HttpRequest, pk: int, dpk: int) -> HttpResponse:
    user = _professional(request)
    document = selectors.document_for_removal(user=user, case_pk=pk, pk=dpk)
    if request.method == "POST":
        services.document_delete(actor=user, document=document)
        messages.success(request, _("Het document is verwijderd."))
        return redirect("documents:list", pk=pk)
    return render(request, "documents/delete.html", {"document": document, "case": document.case})
