"""The team's side of the portal: on the case page, what the household said in Mijn wijkteam
(answers to the plan, with the version they are about) and the message thread, with read
receipts and the reply form. Staff only, scoped by the case."""

import uuid
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from wijkteam.accounts.models import User
from wijkteam.cases.links import ShownLink, links_for
from wijkteam.cases.models import Case
from wijkteam.cases.policies import is_case_worker
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.cases.sections import TABS, Tab
from wijkteam.cases.selectors import case_get
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.policies import may_see, section_visible
from wijkteam.privacy.reads import professional_user

from .forms import MessageForm, RepresentationContactForm, RepresentationForm
from .models import Message, PlanAgreement, Representation
from .selectors_attachments import team_attachment as _team_attachment
from .services.messages import message_send_by_team, messages_read_by_team
from .team_representation import handle_post, representation_form, representations_of

LINK_SLUG = "mijn-wijkteam"


def shows_portal_link(user: User, case: Case, categories: frozenset[str] | None) -> bool:
    return may_see(categories, DataCategory.PLAN)


@dataclass
class TeamPortalPage:
    case: Case
    tabs: list[Tab]
    links: list[ShownLink]
    answers: list[PlanAgreement]
    messages: list[Message]
    may_write: bool
    representations: list[Representation]


def team_portal_page(*, user: User, case_pk: int) -> TeamPortalPage:
    case = case_get(
        user=user,
        pk=case_pk,
        purpose=_("casus geopend: antwoorden uit Mijn wijkteam"),
        category=DataCategory.PLAN,
    )
    categories = visible_categories(user, case)
    answers = list(
        PlanAgreement.objects.filter(plan__case=case).select_related("resident").order_by("-at")
    )
    messages = list(
        Message.objects.filter(case=case)
        .select_related("resident", "author", "attachment")
        .order_by("sent_at", "pk")
    )
    return TeamPortalPage(
        case=case,
        tabs=[t for t in TABS if not t.section or section_visible(t.section, categories)],
        links=links_for(user, case, categories),
        answers=answers,
        messages=messages,
        may_write=is_case_worker(user, case),
        representations=representations_of(case),
    )


def team_portal(
    request: HttpRequest,
    pk: int,
    rep_form: RepresentationForm | None = None,
    contact_form: RepresentationContactForm | None = None,
) -> HttpResponse:
    user = professional_user(request)
    view = team_portal_page(user=user, case_pk=pk)
    refused = rep_form is not None or contact_form is not None
    status = 400 if refused else 200
    for item in view.representations if contact_form is not None else []:
        if item.pk == getattr(contact_form, "representation_pk", None):
            item.contact_form = contact_form  # type: ignore[attr-defined]
    if request.method == "POST" and not refused:
        form = MessageForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                message_send_by_team(
                    actor=user,
                    case=view.case,
                    body=form.cleaned_data["body"],
                    submission_token=form.cleaned_data["submission_token"],
                    attachment=form.cleaned_data.get("attachment"),
                )
            except PermissionDenied as exc:
                form.add_error(None, str(exc))
            except ValidationError as exc:
                for name, errors in exc.message_dict.items():
                    form.add_error(name if name in form.fields else None, errors)
            else:
                return redirect(f"{request.path}#berichten")
        status = 400
    else:
        form = MessageForm(initial={"submission_token": uuid.uuid4()})
        if not refused:
            messages_read_by_team(actor=user, case=view.case)
    form.fields["body"].label = _("Bericht aan de inwoner")
    form.fields["attachment"].label = _("Bijlage (niet verplicht)")
    return render(
        request,
        "portal/team_case.html",
        {
            "view": view,
            "case": view.case,
            "current_link": LINK_SLUG,
            "form": form,
            "rep_form": rep_form or representation_form(view.case),
        },
        status=status,
    )


@require_POST
def team_representation(request: HttpRequest, pk: int) -> HttpResponse:
    """Record or end a representation of one of the household's residents."""
    user = professional_user(request)
    view = team_portal_page(user=user, case_pk=pk)  # scoped and logged; 404 outside scope
    form = handle_post(user, view.case, request)
    if form is None:
        return redirect(f"{reverse('portal:team_case', args=[pk])}#vertegenwoordiging")
    if isinstance(form, RepresentationForm):
        return team_portal(request, pk, rep_form=form)
    return team_portal(request, pk, contact_form=form)


@require_GET
def team_attachment(request: HttpRequest, pk: int, apk: int) -> FileResponse:
    """Download the file of a message in the thread of a case in scope (logged)."""
    from .views.messages import attachment_response

    found, handle = _team_attachment(user=professional_user(request), case_pk=pk, pk=apk)
    return attachment_response(found.original_name, found.content_type, handle)
