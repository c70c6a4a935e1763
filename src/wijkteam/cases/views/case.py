"""The case page, caseload, work queue, and the case frame: phase, regisseur, closure, terms."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam import deadlines
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import add_service_errors
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.reads import professional_user as _professional

from .. import case_html, selectors
from ..caseload_html import rows_html as caseload_rows
from ..constants import CaseState
from ..forms import (
    CloseForm,
    HandoverForm,
    InvolveForm,
    SupporterForm,
    TermExtendForm,
    TermSuspendForm,
    TransitionForm,
)
from ..models import Case, TrackedTerm
from ..queue_html import rows_html
from ..sections import OVERVIEW, case_url
from ..selectors_accountability import accountability_list
from ..selectors_queue import team_queue_members
from ..services import intake, terms
from ..services.terms import term_view


def case_list(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    state = request.GET.get("fase", "")
    if state not in CaseState.values:
        state = ""
    number = request.GET.get("pagina", "1")
    page = selectors.case_list(user=user, state=state, page=int(number) if number.isdigit() else 1)
    context = {"page": page, "rows": caseload_rows(page.object_list), "state": state}
    return render(request, "cases/case_list.html", {**context, "states": CaseState.choices})


def work_queue(request: HttpRequest, team_wide: bool = False) -> HttpResponse:
    user = _professional(request)
    number = request.GET.get("pagina", "1")
    members = team_queue_members(user=user) if team_wide else []
    chosen = request.GET.get("lid", "")
    member = next((m for m in members if str(m.pk) == chosen), None)
    page = selectors.work_queue_page(
        user=user, team_wide=team_wide, page=int(number) if number.isdigit() else 1, member=member
    )
    # What the teamleider accounts for (protocol deviations, allocations to the allocator's own
    # employer): counted here, listed on the accountability page.
    accountability = accountability_list(org_policies.leader_team_ids(user))
    return render(
        request,
        "cases/work_queue.html",
        {
            "page": page,
            "items": page.object_list,
            "rows": rows_html(page.object_list),
            "team_wide": team_wide,
            "members": members,
            "member": member,
            "is_leader": bool(accountability),
            "accountability": accountability,
        },
    )


def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    page = selectors.case_page(user=user, pk=pk, tab=request.GET.get("onderdeel", ""))
    context: dict[str, Any] = {"page": page, "case": page.case}
    if page.tab.slug == OVERVIEW and page.can_work:
        context["transition_form"] = TransitionForm(case=page.case)
    return render(request, case_html.template_name(), context)


def _case_for_work(request: HttpRequest, pk: int) -> Any:
    user = _professional(request)
    case = selectors.case_get(user=user, pk=pk, purpose=_("casus wijzigen"))
    selectors.require_case_worker(user, case)
    return user, case


def _back(pk: int, anchor: str = "") -> HttpResponse:
    # The frame's actions (phase, regie, terms) live on the overview.
    return redirect(case_url(pk, OVERVIEW, anchor))


def _frame_action(
    request: HttpRequest,
    pk: int,
    form_class: type,
    action: Any,
    *,
    title: str,
    success: str,
    anchor: str,
    initial: Callable[[Case], dict[str, Any]] | None = None,
) -> HttpResponse:
    user, case = _case_for_work(request, pk)
    kwargs: dict[str, Any] = (
        {"case": case}
        if form_class in (TransitionForm, HandoverForm, SupporterForm, InvolveForm)
        else {}
    )
    if initial is not None:
        kwargs["initial"] = initial(case)
    form = form_class(request.POST or None, **kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            action(user, case, form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, success)
            return _back(pk, anchor)
    return render(
        request,
        "cases/frame_form.html",
        {"form": form, "case": case, "title": title, "anchor": anchor},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def case_transition(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, case: Any, data: dict[str, Any]) -> None:
        intake.case_transition(
            actor=user,
            case=case,
            to_state=data["to_state"],
            expected_version=data["expected_version"],
            reason=data["reason"],
        )

    return _frame_action(
        request,
        pk,
        TransitionForm,
        act,
        title=_("Fase wijzigen"),
        success=_("De fase van de casus is gewijzigd."),
        anchor="fase",
    )


@require_http_methods(["GET", "POST"])
def case_close(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, case: Any, data: dict[str, Any]) -> None:
        intake.case_close(
            actor=user,
            case=case,
            expected_version=data["expected_version"],
            outcome=data["outcome"],
            reason=data["reason"],
            closed_on=data["closed_on"],
        )

    return _frame_action(
        request,
        pk,
        CloseForm,
        act,
        title=_("Casus afsluiten"),
        success=_("De casus is afgesloten."),
        anchor="fase",
        # The version the user saw when the form opened: a change in between is reported.
        initial=lambda case: {"expected_version": case.version, "closed_on": timezone.localdate()},
    )


@require_http_methods(["GET", "POST"])
def case_handover(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, case: Any, data: dict[str, Any]) -> None:
        intake.case_handover(
            actor=user,
            case=case,
            new_coordinator=data["new_coordinator"],
            note=data["note"],
            expected_version=data["expected_version"],
        )

    return _frame_action(
        request,
        pk,
        HandoverForm,
        act,
        title=_("Regie overdragen"),
        success=_("De regie is overgedragen."),
        anchor="regie",
    )


@require_http_methods(["GET", "POST"])
def case_supporter(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, case: Any, data: dict[str, Any]) -> None:
        intake.case_set_client_supporter(
            actor=user,
            case=case,
            supporter=data["supporter"],
            expected_version=data["expected_version"],
        )

    return _frame_action(
        request,
        pk,
        SupporterForm,
        act,
        title=_("Cliëntondersteuner vastleggen"),
        success=_("De cliëntondersteuner is vastgelegd."),
        anchor="regie",
    )


@require_http_methods(["GET", "POST"])
def case_involve(request: HttpRequest, pk: int) -> HttpResponse:
    def act(user: Any, case: Any, data: dict[str, Any]) -> None:
        intake.case_involve_member(actor=user, case=case, member=data["member"])

    return _frame_action(
        request,
        pk,
        InvolveForm,
        act,
        title=_("Teamlid betrekken"),
        success=_("Het teamlid is betrokken bij de casus."),
        anchor="regie",
    )


@require_http_methods(["GET", "POST"])
def term_change(request: HttpRequest, pk: int, term_pk: int, kind: str) -> HttpResponse:
    if kind not in ("verlengen", "opschorten"):
        raise Http404
    user, case = _case_for_work(request, pk)
    term = TrackedTerm.objects.filter(case=case, pk=term_pk).first()
    if term is None:
        raise Http404
    form_class = TermExtendForm if kind == "verlengen" else TermSuspendForm
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == "verlengen":
                terms.term_extend(actor=user, term=term, reason=data["reason"], weeks=data["weeks"])
            else:
                terms.term_suspend(
                    actor=user,
                    term=term,
                    starts_on=data["starts_on"],
                    ends_on=data["ends_on"],
                    reason=data["reason"],
                )
        except deadlines.TermError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De termijn is aangepast."))
            return _back(pk, "termijnen")
    label = term_view(term).label
    title = (
        _("Termijn verlengen: %(term)s")
        if kind == "verlengen"
        else _("Termijn opschorten: %(term)s")
    ) % {"term": label}
    return render(
        request,
        "cases/frame_form.html",
        {"form": form, "case": case, "term": term, "title": title, "anchor": "termijnen"},
        status=400 if form.is_bound and form.errors else 200,
    )


urlpatterns = [
    path("casussen/", case_list, name="list"),
    path("werkvoorraad/", work_queue, name="queue"),
    path("werkvoorraad/team/", work_queue, {"team_wide": True}, name="team_queue"),
    path("casussen/<id:pk>/", case_detail, name="detail"),
    path("casussen/<id:pk>/fase/", case_transition, name="transition"),
    path("casussen/<id:pk>/afsluiten/", case_close, name="close"),
    path("casussen/<id:pk>/regie/", case_handover, name="handover"),
    path("casussen/<id:pk>/clientondersteuner/", case_supporter, name="supporter"),
    path("casussen/<id:pk>/betrekken/", case_involve, name="involve"),
    path("casussen/<id:pk>/termijnen/<id:term_pk>/<str:kind>/", term_change, name="term_change"),
]
