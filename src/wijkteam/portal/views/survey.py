"""The cliëntervaringsonderzoek: answered anonymously, once per closed or decided case."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from .. import survey
from ..forms import SurveyForm
from .common import portal_page, portal_user_of, resident_or_none
from .messages import add_service_errors

THANKS_KEY = "portal_survey_thanks"


@portal_page(substantial=True)
def survey_list(request: HttpRequest) -> HttpResponse:
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    return render(
        request,
        "portal/survey_list.html",
        {
            "title": _("Hoe vond u de hulp?"),
            "invitations": survey.open_invitations(resident),
            "thanks": request.session.pop(THANKS_KEY, False),
        },
    )


@portal_page(substantial=True)
def survey_form(request: HttpRequest, pk: int) -> HttpResponse:
    portal_user = portal_user_of(request)
    resident = resident_or_none(request)
    if resident is None:
        return redirect("portal:home")
    try:
        invitation = survey.invitation_get(portal_user=portal_user, resident=resident, case_pk=pk)
    except PermissionDenied:
        return redirect("portal:survey")
    status = 200
    if request.method == "POST":
        form = SurveyForm(request.POST)
        if form.is_valid():
            try:
                survey.portal_survey_answer(
                    resident=resident, invitation=invitation, answers=form.answers()
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                request.session[THANKS_KEY] = True
                return redirect("portal:survey")
        status = 400
    else:
        form = SurveyForm()
    return render(
        request,
        "portal/survey_form.html",
        {"title": _("Vragenlijst: hoe vond u de hulp?"), "form": form, "invitation": invitation},
        status=status,
    )
