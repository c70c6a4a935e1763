"""The resident's side of the message thread of a case."""

import uuid
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from .. import selectors
from ..forms import MessageForm
from ..selectors_attachments import my_attachment
from ..services.messages import message_send_by_resident, messages_read_by_resident
from .common import portal_page, portal_user_of, resident_or_none


def add_service_errors(form: forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@portal_page(substantial=True)
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    page = selectors.my_messages(portal_user=portal_user, resident=resident, case_pk=pk)
    status = 200
    if request.method == "POST":
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_send_by_resident(
                    portal_user=portal_user,
                    resident=resident,
                    case=page.case,
                    body=form.cleaned_data["body"],
                    submission_token=form.cleaned_data["submission_token"],
                    attachment=form.cleaned_data.get("attachment"),
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                return redirect(f"{request.path}#verstuurd")
        status = 400
    else:
        form = MessageForm(initial={"submission_token": uuid.uuid4()})
        messages_read_by_resident(resident=resident, case=page.case)
    return render(
        request,
        "portal/messages.html",
        {"title": _("Berichten"), "page": page, "form": form, "resident": resident},
        status=status,
    )


def attachment_response(name: str, content_type: str, handle: object) -> FileResponse:
    """A download that is never shown inline, sniffed or cached."""
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store"
    return response


@portal_page(substantial=True)
@require_GET
def attachment(request: HttpRequest, pk: int, apk: int) -> HttpResponse:
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    found, handle = my_attachment(
        portal_user=portal_user_of(request), resident=resident, case_pk=pk, pk=apk
    )
    # a streaming response; portal_page only adds its headers
    return cast(HttpResponse, attachment_response(found.original_name, found.content_type, handle))
