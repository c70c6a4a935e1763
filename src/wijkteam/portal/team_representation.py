"""The team records who may act for a household's residents in Mijn wijkteam (staff only)."""

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.residents.models import Resident
from wijkteam.residents.validators import mask_bsn

from . import policies
from .forms import RepresentationContactForm, RepresentationForm
from .models import Representation
from .services.representation import (
    representation_contact_update,
    representation_end,
    representation_record,
)


def representations_of(case: Case) -> list[Representation]:
    """The household's representations (the caller read the case through ``case_get``)."""
    today = timezone.localdate()
    items = list(
        Representation.objects.filter(represented__household_id=case.household_id)
        .select_related("represented")
        .order_by("represented_id", "-valid_from", "-pk")
    )
    for item in items:
        item.is_active = policies.representation_active(item, today)  # type: ignore[attr-defined]
        item.masked_bsn = mask_bsn(item.representative_bsn)  # type: ignore[attr-defined]
        item.contact_form = contact_form(item)  # type: ignore[attr-defined]
    return items


def contact_form(item: Representation, data: Any = None) -> RepresentationContactForm:
    """The form to change how ``item``'s representative is reached (ids unique per item)."""
    return RepresentationContactForm(
        data, prefix=f"contact-{item.pk}", initial={"phone": item.phone, "email": item.email}
    )


def _contact_post(user: User, item: Representation, request: HttpRequest) -> Any:
    form = contact_form(item, request.POST)
    form.representation_pk = item.pk  # type: ignore[attr-defined]
    if not form.is_valid():
        return form
    try:
        representation_contact_update(
            actor=user,
            representation=item,
            phone=form.cleaned_data["phone"],
            email=form.cleaned_data["email"],
        )
    except PermissionDenied as exc:
        raise Http404() from exc
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return form
    return None


def representation_form(case: Case, data: Any = None) -> RepresentationForm:
    return RepresentationForm(
        data,
        residents=Resident.objects.filter(household_id=case.household_id).order_by("pk"),
    )


def handle_post(
    user: User, case: Case, request: HttpRequest
) -> RepresentationForm | RepresentationContactForm | None:
    """Record or end a representation, or change how its representative is reached; returns
    the form with errors, or None when done."""
    if request.POST.get("do") == "contact":
        found = Representation.objects.filter(
            pk=request.POST.get("representation") or 0, represented__household_id=case.household_id
        ).first()
        if found is None:
            raise Http404()
        result: RepresentationContactForm | None = _contact_post(user, found, request)
        return result
    if request.POST.get("do") == "beeindigen":
        item = Representation.objects.filter(
            pk=request.POST.get("representation") or 0, represented__household_id=case.household_id
        ).first()
        if item is None:
            raise Http404()
        try:
            representation_end(
                actor=user,
                representation=item,
                ended_on=max(timezone.localdate() - datetime.timedelta(days=1), item.valid_from),
            )
        except (PermissionDenied, ValidationError) as exc:
            raise Http404() from exc
        return None
    form = representation_form(case, request.POST)
    if not form.is_valid():
        return form
    data = form.cleaned_data
    try:
        representation_record(
            actor=user,
            represented=data["represented"],
            representative_bsn=data["representative_bsn"],
            representative_name=data["representative_name"],
            basis=data["basis"],
            valid_from=data["valid_from"],
            valid_until=data["valid_until"],
            phone=data["phone"],
            email=data["email"],
        )
    except PermissionDenied as exc:
        form.add_error(None, str(exc))
        return form
    except ValidationError as exc:
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
        return form
    return None
