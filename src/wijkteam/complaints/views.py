"""Staff screens of klachten and bezwaren: the team's list, registering, and a detail page per
record with its lifecycle steps as forms (thin: the selectors read, the services write)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user

from . import forms as f
from . import lifecycle, policies, selectors, services
from .models import Complaint, Objection
from .steps import COMPLAINT_STEPS, HANDLER_NOTE, OBJECTION_STEPS, STEP_TITLES, Step

STATES = {
    "open": gettext_lazy("Open"),
    "afgehandeld": gettext_lazy("Afgehandeld"),
    "alle": gettext_lazy("Alle"),
}


@require_GET
def register_list(request: HttpRequest) -> HttpResponse:
    user = professional_user(request)
    state = request.GET.get("status", "open")
    state = state if state in STATES else "open"
    rows = selectors.team_register(user=user, state=state)
    return render(request, "complaints/list.html", {"rows": rows, "state": state, "states": STATES})


def _save(form: forms.BaseForm, call: Callable[[], Any]) -> Any:
    """Call a service for a valid form: its refusals become errors on the form (None then)."""
    try:
        return call()
    except ValidationError as exc:
        add_service_errors(form, exc)
    except ConcurrentEditError as exc:
        form.add_error(None, str(exc))
    except PermissionDenied as exc:
        form.add_error(None, str(exc) or _("U mag dit niet doen."))
    return None


@require_http_methods(["GET", "POST"])
def complaint_new(request: HttpRequest) -> HttpResponse:
    user = professional_user(request)
    selectors.require_handler(user)
    form = f.ComplaintFileForm(
        request.POST or None,
        teams=selectors.handler_teams(user),
        providers=selectors.providers_for(user),
        find_case=lambda number: selectors.case_for_complaint(user=user, case_pk=number),
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        complaint = _save(
            form,
            lambda: services.complaint_file(
                actor=user,
                team=d["team"],
                subject=d["subject"],
                summary=d["summary"],
                received_on=d["received_on"],
                provider=d["provider"],
                case=d["case"],
                resident=None,
                committee=d["committee"],
                submission_token=d["submission_token"],
            ),
        )
        if complaint is not None:
            messages.success(request, _("De klacht is geregistreerd."))
            return redirect("complaints:complaint", pk=complaint.pk)
    return render(
        request,
        "complaints/file_form.html",
        {"form": form, "title": _("Klacht registreren"), "submit": _("Klacht registreren")},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def objection_new(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    case = selectors.case_for_objection(user=user, case_pk=pk)
    if request.method == "POST":
        earlier = selectors.earlier_objection(
            case=case, token=request.POST.get("submission_token", "")
        )
        if earlier is not None:
            return redirect("complaints:objection", pk=earlier.pk)
    form = f.ObjectionFileForm(
        request.POST or None, decisions=selectors.objectionable_decisions(case)
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        objection = _save(
            form,
            lambda: services.objection_file(
                actor=user,
                decision=d["decision"],
                grounds=d["grounds"],
                received_on=d["received_on"],
                committee=d["committee"],
                excusable_delay_note=d["excusable_delay_note"],
                submission_token=d["submission_token"],
            ),
        )
        if objection is not None:
            if objection.late:
                messages.warning(
                    request,
                    _(
                        "Het bezwaar kwam na de bezwaartermijn binnen: niet-ontvankelijk tenzij "
                        "verschoonbaar (Awb 6:11)."
                    ),
                )
            messages.success(request, _("Het bezwaar is geregistreerd."))
            return redirect("complaints:objection", pk=objection.pk)
    return render(
        request,
        "complaints/file_form.html",
        {
            "form": form,
            "case": case,
            "title": _("Bezwaar registreren"),
            "submit": _("Bezwaar registreren"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _detail(
    request: HttpRequest,
    *,
    obj: Complaint | Objection,
    steps: dict[str, Step],
    may_handle: bool,
    template: str,
    action: str = "",
) -> HttpResponse:
    user = professional_user(request)
    base_url = reverse(
        "complaints:complaint" if isinstance(obj, Complaint) else "complaints:objection",
        args=[obj.pk],
    )
    bound: forms.Form | None = None
    if action:
        form_class, extra, call, done, _shown = steps[action]
        bound = form_class(request.POST, version=obj.version, prefix=action, **extra(obj))  # type: ignore[call-arg]
        if bound.is_valid():
            data = bound.cleaned_data
            if _save(bound, lambda: call(user, obj, data)) is not None:
                messages.success(request, done)
                return redirect(base_url)
    forms_shown: list[tuple[str, forms.Form, str, str]] = []
    terms = lifecycle.STEP_TERMS[type(obj)]
    if obj.is_open and may_handle:
        for name, (form_class, extra, _call, _done, shown) in steps.items():
            if name == action and bound is not None:
                form = bound
            elif shown(obj):
                form = form_class(  # type: ignore[call-arg]
                    version=obj.version, initial=_initial(form_class), prefix=name, **extra(obj)
                )
            else:
                continue
            forms_shown.append((name, form, str(STEP_TITLES[name]), str(terms[name])))
    context = {
        "obj": obj,
        "forms": forms_shown,
        "may_handle": may_handle,
        "term_words": lifecycle.term_in_words(obj),
        "history": lifecycle.history_rows(selectors.history(obj), obj),
        "badge": selectors.term_badge(
            obj.due_on if isinstance(obj, Complaint) else obj.term.due_on,
            obj.is_open,
            timezone.localdate(),
        ),
        "base_url": base_url,
        "handler_note": HANDLER_NOTE[type(obj)],
    }
    status = 400 if bound is not None and bound.errors else 200
    return render(request, template, context, status=status)


def _initial(form_class: type[forms.Form]) -> dict[str, Any]:
    today = timezone.localdate()
    return {
        name: today
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.DateField) and field.required
    }


@require_GET
def complaint_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    complaint = selectors.complaint_for(user=user, pk=pk)
    return _detail(
        request,
        obj=complaint,
        steps=COMPLAINT_STEPS,
        may_handle=policies.may_handle_complaint(user, complaint),
        template="complaints/complaint_detail.html",
    )


@require_POST
def complaint_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = professional_user(request)
    complaint = selectors.complaint_for(user=user, pk=pk)
    if action not in COMPLAINT_STEPS:
        raise Http404
    return _detail(
        request,
        obj=complaint,
        steps=COMPLAINT_STEPS,
        may_handle=policies.may_handle_complaint(user, complaint),
        template="complaints/complaint_detail.html",
        action=action,
    )


@require_GET
def objection_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    objection = selectors.objection_for(user=user, pk=pk)
    return _detail(
        request,
        obj=objection,
        steps=OBJECTION_STEPS,
        may_handle=policies.may_handle_objection(user, objection),
        template="complaints/objection_detail.html",
    )


@require_POST
def objection_step(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    user = professional_user(request)
    objection = selectors.objection_for(user=user, pk=pk)
    if action not in OBJECTION_STEPS:
        raise Http404
    return _detail(
        request,
        obj=objection,
        steps=OBJECTION_STEPS,
        may_handle=policies.may_handle_objection(user, objection),
        template="complaints/objection_detail.html",
        action=action,
    )
