"""Resident screens: search, register (with duplicate detection), view, change, network."""

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.cases import selectors as case_selectors
from wijkteam.core.forms_flow import add_service_errors, form_page
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Team
from wijkteam.privacy.reads import professional_user as _professional
from wijkteam.residents import services
from wijkteam.residents.forms import NetworkMemberForm, ResidentCreateForm, ResidentForm, SearchForm
from wijkteam.residents.models import NetworkMember


def search(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    form = SearchForm(request.GET or None)
    results = []
    if form.is_valid() and (form.cleaned_data["q"] or form.cleaned_data["bsn"]):
        results = case_selectors.resident_search(
            user=user, query=form.cleaned_data["q"], bsn=form.cleaned_data["bsn"]
        )
    return render(
        request,
        "residents/search.html",
        {"form": form, "results": results, "searched": form.is_bound},
    )


def _intake_team_of(user: Any) -> Team:
    """The team a new resident is registered for: the user's first active team."""
    membership = (
        org_policies.active_memberships(user)
        .select_related("team__municipality")
        .order_by("team__name")
        .first()
    )
    if membership is None:
        raise Http404
    return membership.team


@require_http_methods(["GET", "POST"])
def create(request: HttpRequest) -> HttpResponse:
    user = _professional(request)
    team = _intake_team_of(user)
    form = ResidentCreateForm(request.POST or None)
    duplicates: list[Any] = []
    if request.method == "POST" and form.is_valid():
        data = services.ResidentData(
            **{
                k: form.cleaned_data[k]
                for k in (
                    "first_name",
                    "last_name",
                    "date_of_birth",
                    "household_relation",
                    "name_prefix",
                    "bsn",
                    "street",
                    "house_number",
                    "postcode",
                    "city",
                    "neighbourhood",
                    "phone",
                    "email",
                    "interpreter_language",
                    "plain_language",
                    "communication_notes",
                )
            }
        )
        try:
            resident = services.resident_create(
                actor=user,
                municipality=team.municipality,
                team=team,
                data=data,
                household_name=form.cleaned_data["household_name"],
                confirm_not_duplicate=form.cleaned_data["confirm_not_duplicate"],
            )
        except services.DuplicateResidentError as exc:
            duplicates = exc.existing
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De inwoner is geregistreerd."))
            return redirect(reverse("cases:report_create") + f"?inwoner={resident.pk}")
    return render(
        request,
        "residents/create.html",
        {"form": form, "duplicates": duplicates},
        status=400 if form.is_bound and form.errors else 200,
    )


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    resident = case_selectors.resident_get(user=user, pk=pk)
    household = resident.household
    return render(
        request,
        "residents/detail.html",
        {
            "resident": resident,
            "members": household.members.all(),
            "network": household.network.select_related("supports"),
            "cases": household.cases.filter(
                pk__in=case_selectors.policies.case_scope_ids(user)
            ).select_related("team"),
        },
    )


@require_http_methods(["GET", "POST"])
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    user = _professional(request)
    resident = case_selectors.resident_get(user=user, pk=pk)
    form = ResidentForm(request.POST or None, instance=resident)
    return form_page(
        request,
        form=form,
        save=lambda f: services.resident_update(
            actor=user, resident=f.instance, expected_version=f.cleaned_data["expected_version"]
        ),
        success_url=lambda r: reverse("residents:detail", args=[r.pk]),
        template="residents/form.html",
        context={
            "title": _("Gegevens van %s wijzigen") % resident.full_name,
            "cancel_url": reverse("residents:detail", args=[pk]),
        },
    )


@require_http_methods(["GET", "POST"])
def network_edit(request: HttpRequest, pk: int, member_pk: int | None = None) -> HttpResponse:
    user = _professional(request)
    resident = case_selectors.resident_get(user=user, pk=pk)
    member = None
    if member_pk is not None:
        member = NetworkMember.objects.filter(pk=member_pk, household=resident.household).first()
        if member is None:
            raise Http404
    form = NetworkMemberForm(request.POST or None, instance=member, household=resident.household)
    return form_page(
        request,
        form=form,
        save=lambda f: services.network_member_save(
            actor=user, member=f.instance, expected_version=f.cleaned_data.get("expected_version")
        ),
        success_url=lambda m: reverse("residents:detail", args=[pk]) + "#netwerk",
        template="residents/form.html",
        context={
            "title": _("Netwerk van %s") % resident.household.name,
            "cancel_url": reverse("residents:detail", args=[pk]),
        },
    )
