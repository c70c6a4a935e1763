"""Screens of the team set-up. Thin: parse, call a selector or service, render."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wijkteam.accounts.http import current_user
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.core.forms_flow import form_page

from . import policies, selectors, services
from .forms import (
    DeleteForm,
    DistrictForm,
    MandateRuleForm,
    MembershipForm,
    MunicipalityForm,
    NeighbourhoodForm,
    OrganisationForm,
    TeamForm,
)
from .models import (
    District,
    MandateRule,
    Membership,
    Municipality,
    Neighbourhood,
    Organisation,
    Team,
)

View = Callable[..., HttpResponse]


def configurer_required(view: View) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not policies.can_configure(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def _version(form: forms.BaseForm) -> int | None:
    return form.cleaned_data.get("expected_version")


# ---- overview -----------------------------------------------------------------------------


@configurer_required
def setup(request: HttpRequest) -> HttpResponse:
    context = {
        "municipalities": Municipality.objects.order_by("name"),
        "districts": District.objects.select_related("municipality").order_by("cbs_code"),
        "neighbourhoods": Neighbourhood.objects.select_related("district").order_by("cbs_code"),
        "organisations": Organisation.objects.select_related("municipality").order_by("name"),
        "teams": selectors.team_list(user=current_user(request)),
    }
    return render(request, "organisation/setup.html", context)


# ---- simple reference data ----------------------------------------------------------------


def _simple_edit(
    request: HttpRequest,
    *,
    model: type,
    form_class: type[forms.ModelForm],
    service: Callable[..., Any],
    kwarg: str,
    pk: int | None,
    title_new: str,
    title_edit: str,
) -> HttpResponse:
    instance = get_object_or_404(model, pk=pk) if pk is not None else None
    form = form_class(request.POST or None, instance=instance)

    def save(f: Any) -> Any:
        return service(actor=request.user, expected_version=_version(f), **{kwarg: f.instance})

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda _obj: reverse("organisation:setup"),
        template="organisation/form.html",
        context={
            "title": title_edit if instance else title_new,
            "cancel_url": reverse("organisation:setup"),
        },
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def municipality_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=Municipality,
        form_class=MunicipalityForm,
        service=services.municipality_save,
        kwarg="municipality",
        pk=pk,
        title_new=_("Nieuwe gemeente"),
        title_edit=_("Gemeente wijzigen"),
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def district_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=District,
        form_class=DistrictForm,
        service=services.district_save,
        kwarg="district",
        pk=pk,
        title_new=_("Nieuwe wijk"),
        title_edit=_("Wijk wijzigen"),
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def neighbourhood_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=Neighbourhood,
        form_class=NeighbourhoodForm,
        service=services.neighbourhood_save,
        kwarg="neighbourhood",
        pk=pk,
        title_new=_("Nieuwe buurt"),
        title_edit=_("Buurt wijzigen"),
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    return _simple_edit(
        request,
        model=Organisation,
        form_class=OrganisationForm,
        service=services.organisation_save,
        kwarg="organisation",
        pk=pk,
        title_new=_("Nieuwe organisatie"),
        title_edit=_("Organisatie wijzigen"),
    )


# ---- teams --------------------------------------------------------------------------------


def team_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user
    team = selectors.team_get(user=user, pk=pk)  # type: ignore[arg-type]
    return render(
        request,
        "organisation/team_detail.html",
        {
            "team": team,
            "can_configure": policies.can_configure(user),
            "shared_areas": selectors.shared_areas(team),
        },
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def team_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=pk) if pk is not None else None
    form = TeamForm(request.POST or None, instance=team)

    def save(f: Any) -> Team:
        return services.team_save(
            actor=current_user(request),
            team=f.instance,
            functions=f.cleaned_data["functions"],
            neighbourhoods=f.cleaned_data["neighbourhoods"],
            expected_version=_version(f),
        )

    cancel = reverse("organisation:team_detail", args=[pk]) if pk else reverse("organisation:setup")
    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda t: reverse("organisation:team_detail", args=[t.pk]),
        template="organisation/form.html",
        context={"title": _("Team wijzigen") if team else _("Nieuw team"), "cancel_url": cancel},
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def membership_edit(request: HttpRequest, team_pk: int, pk: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=team_pk)
    membership = get_object_or_404(Membership, pk=pk, team=team) if pk is not None else None
    form = MembershipForm(request.POST or None, instance=membership, team=team)

    def save(f: Any) -> Membership:
        return services.membership_save(
            actor=current_user(request),
            membership=f.instance,
            roles=f.cleaned_data["roles"],
            expected_version=_version(f),
        )

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda m: reverse("organisation:team_detail", args=[team.pk]),
        template="organisation/form.html",
        context={
            "title": _("Teamlid wijzigen") if membership else _("Nieuw teamlid"),
            "subtitle": team.name,
            "cancel_url": reverse("organisation:team_detail", args=[team.pk]),
        },
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def mandate_rule_edit(request: HttpRequest, team_pk: int, pk: int | None = None) -> HttpResponse:
    team = get_object_or_404(Team, pk=team_pk)
    rule = get_object_or_404(MandateRule, pk=pk, team=team) if pk is not None else None
    form = MandateRuleForm(request.POST or None, instance=rule, team=team)

    def save(f: Any) -> MandateRule:
        return services.mandate_rule_save(
            actor=current_user(request),
            rule=f.instance,
            expected_version=_version(f),
        )

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda r: reverse("organisation:team_detail", args=[team.pk]) + "#mandaat",
        template="organisation/form.html",
        context={
            "title": _("Mandaatregel wijzigen") if rule else _("Nieuwe mandaatregel"),
            "subtitle": team.name,
            "cancel_url": reverse("organisation:team_detail", args=[team.pk]),
        },
    )


@configurer_required
@require_http_methods(["GET", "POST"])
def mandate_rule_delete(request: HttpRequest, team_pk: int, pk: int) -> HttpResponse:
    rule = get_object_or_404(MandateRule, pk=pk, team_id=team_pk)
    form = DeleteForm(request.POST or None, initial={"expected_version": rule.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.mandate_rule_delete(
                actor=current_user(request),
                rule=rule,
                expected_version=form.cleaned_data["expected_version"],
            )
        except ConcurrentEditError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De mandaatregel is verwijderd."))
            return redirect(reverse("organisation:team_detail", args=[team_pk]) + "#mandaat")
    return render(
        request,
        "organisation/confirm_delete.html",
        {
            "form": form,
            "object": rule,
            "cancel_url": reverse("organisation:team_detail", args=[team_pk]),
        },
        status=400 if form.errors else 200,
    )


# ---- views for team members and reporting roles -------------------------------------------


def my_teams(request: HttpRequest) -> HttpResponse:
    if not policies.is_professional(request.user):
        raise Http404
    rows = []
    for membership in selectors.my_memberships(user=request.user):  # type: ignore[arg-type]
        roles = {r.role for r in membership.roles.all()}
        rules = [r for r in membership.team.mandate_rules.all() if r.role in roles]
        rows.append({"membership": membership, "roles": roles, "rules": rules})
    return render(request, "organisation/my_teams.html", {"rows": rows})


def overview(request: HttpRequest) -> HttpResponse:
    summaries = selectors.team_overview(user=current_user(request))
    return render(request, "organisation/overview.html", {"summaries": summaries})
