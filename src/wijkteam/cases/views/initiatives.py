"""Connect a resident of the case to a citizen initiative (with their consent)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wijkteam.core.forms_flow import add_service_errors
from wijkteam.privacy.reads import professional_user as _professional
from wijkteam.residents.models import Resident
from wijkteam.socialmap.constants import InitiativeStatus
from wijkteam.socialmap.models import Initiative

from .. import selectors
from ..forms import DateInput
from ..models import InitiativeConnection
from ..sections import case_url
from ..services.initiatives import initiative_connect


class ConnectForm(forms.Form):
    resident = forms.ModelChoiceField(
        label=gettext_lazy("Inwoner"), queryset=Resident.objects.none()
    )
    initiative = forms.ModelChoiceField(
        label=gettext_lazy("Initiatief"), queryset=Initiative.objects.none()
    )
    consent_given = forms.BooleanField(
        label=gettext_lazy(
            "De inwoner geeft toestemming om met dit initiatief verbonden te worden"
        ),
        required=False,
    )
    consent_on = forms.DateField(
        label=gettext_lazy("Toestemming gegeven op"), required=False, widget=DateInput()
    )
    consent_note = forms.CharField(
        label=gettext_lazy("Hoe is toestemming gegeven"), max_length=250, required=False
    )


@require_http_methods(["GET", "POST"])
def connect(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    case = selectors.case_get(category="plan", user=user, pk=pk, purpose=_("initiatieven"))
    selectors.require_case_worker(user, case)
    form = ConnectForm(request.POST or None)
    form.fields["resident"].queryset = case.household.members.order_by("pk")  # type: ignore[attr-defined]
    form.fields["initiative"].queryset = Initiative.objects.filter(  # type: ignore[attr-defined]
        municipality_id=case.team.municipality_id,
        status__in=[InitiativeStatus.IDEE, InitiativeStatus.ACTIEF],
    ).order_by("name")
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data: dict[str, Any] = form.cleaned_data
            try:
                initiative_connect(actor=user, case=case, **data)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De inwoner is verbonden met het initiatief."))
                return redirect("cases:initiatives", pk=case.pk)
        status = 400
    connections = InitiativeConnection.objects.filter(case=case).select_related(
        "initiative", "resident"
    )
    return render(
        request,
        "cases/initiatives.html",
        {
            "case": case,
            "form": form,
            "connections": connections,
            "back": case_url(case.pk, "plan"),
        },
        status=status,
    )


urlpatterns = [path("casussen/<id:pk>/initiatieven/", connect, name="initiatives")]
