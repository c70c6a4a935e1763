"""The one way a screen saves: validate the form, call a service, show errors next to fields."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .exceptions import ConcurrentEditError


def add_service_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """Put a service's ValidationError next to the matching fields (others on top)."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            target = field if field in form.fields else None
            for message in errors:
                form.add_error(target, message)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def form_page[T](
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[Any], T],
    success_url: Callable[[T], str],
    template: str,
    context: dict[str, Any] | None = None,
    success_message: str = "",
) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            obj = save(form)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        except IntegrityError:
            form.add_error(
                None, _("Dit kan niet worden opgeslagen: het botst met een bestaand gegeven.")
            )
        else:
            messages.success(request, success_message or _("De gegevens zijn opgeslagen."))
            return redirect(success_url(obj))
    status = 400 if form.is_bound and form.errors else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)
