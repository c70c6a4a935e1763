"""Helpers shared by the privacy screens: the professional behind the request, the form page,
and the status of a request's term."""

import datetime
from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.privacy.reads import professional_user as _professional  # noqa: F401 - used by the view modules


def _status(form: forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200


def _form_page(
    request: HttpRequest, form: forms.BaseForm, context: dict[str, Any], status: int | None = None
) -> HttpResponse:
    return render(
        request,
        "privacy/form.html",
        {"form": form, **context},
        status=status if status is not None else _status(form),
    )


def term_status(due_on: datetime.date, done_on: datetime.date | None = None) -> dict[str, str]:
    """Status of a request's term for display (on time, due soon, overdue, met)."""
    today = timezone.localdate()
    if done_on is not None:
        status = "met_late" if done_on > due_on else "met"
    elif today > due_on:
        status = "overdue"
    elif (due_on - today).days <= 5:
        status = "due_soon"
    else:
        status = "on_time"
    label = deadlines.STATUS_LABELS[deadlines.TermStatus(status)]
    return {"status": status, "label": _(label)}
