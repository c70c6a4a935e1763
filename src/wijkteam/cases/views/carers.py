"""Following up an informal carer at risk of overload, from the case (issue 12)."""

from typing import Any

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from wijkteam.core.forms_flow import form_page
from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.privacy.reads import professional_user as _professional
from wijkteam.residents import services as resident_services
from wijkteam.residents.constants import CarerFollowUpKind
from wijkteam.residents.models import NetworkMember

from .. import selectors
from ..sections import case_url


class CarerFollowUpForm(IdempotentFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat is er gedaan?"),
        choices=CarerFollowUpKind.choices,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": gettext_lazy("Kies wat er gedaan is uit de lijst."),
            "required": gettext_lazy("Kies wat er gedaan is uit de lijst."),
        },
    )
    done_on = forms.DateField(
        label=gettext_lazy("Datum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": gettext_lazy("Vul een geldige datum in."),
            "required": gettext_lazy("Vul de datum in."),
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["done_on"].initial = timezone.localdate()


@require_http_methods(["GET", "POST"])
def carer_follow_up(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    """Record what was done for a carer of the case's household (the case's workers only)."""
    user = _professional(request)
    case = selectors.case_get(
        category="netwerk", user=user, pk=pk, purpose=_("opvolging van een mantelzorger")
    )
    selectors.require_case_worker(user, case)
    member = (
        NetworkMember.objects.filter(pk=member_pk, household_id=case.household_id)
        .prefetch_related("follow_ups")
        .first()
    )
    if member is None:
        raise Http404
    form = CarerFollowUpForm(request.POST or None)
    return form_page(
        request,
        form=form,
        save=lambda f: resident_services.carer_follow_up_record(
            actor=user,
            member=member,
            kind=f.cleaned_data["kind"],
            done_on=f.cleaned_data["done_on"],
        ),
        success_url=lambda _f: case_url(case.pk),
        template="cases/carer_follow_up.html",
        context={
            "title": _("Opvolging voor mantelzorger %s") % member.name,
            "member": member,
            "case": case,
            "earlier": list(member.follow_ups.all()),
            "cancel_url": case_url(case.pk),
        },
        success_message=_("De opvolging is vastgelegd."),
    )


urlpatterns = [
    path(
        "casussen/<id:pk>/mantelzorgers/<id:member_pk>/opvolging/",
        carer_follow_up,
        name="carer_follow_up",
    ),
]
