"""Search the social map, a service's page, and the beheerder's forms."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wijkteam.core.forms_flow import form_page

from .. import policies, selectors
from ..forms import LocationForm, OrganisationForm, SearchForm, ServiceForm
from ..models import Location, MapOrganisation, Service
from ..services import location_save, map_organisation_save, service_save
from .common import maintainer_required, searcher_required

PAGE_SIZE = 25


@require_GET
@searcher_required
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None, municipality_ids=policies.municipality_ids(request.user))  # type: ignore[arg-type]
    filters: dict[str, Any] = {}
    if form.is_valid():
        data = form.cleaned_data
        filters = {
            "text": data["q"],
            "life_domain": data["leefgebied"],
            "target_group": data["doelgroep"],
            "district": data["wijk"],
            "neighbourhood": data["buurt"],
            "general_only": data["voorliggend"],
        }
    status = 200 if not form.is_bound or form.is_valid() else 400
    services = selectors.service_search(user=request.user, **filters)  # type: ignore[arg-type]
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "socialmap/search.html",
        {
            "form": form,
            "page_obj": page,
            "query": query.urlencode(),
            "may_maintain": policies.may_maintain(request.user),  # type: ignore[arg-type]
        },
        status=status,
    )


@require_GET
@searcher_required
def service_detail(request: HttpRequest, pk: int) -> HttpResponse:
    service = selectors.service_get(user=request.user, pk=pk)  # type: ignore[arg-type]
    return render(
        request,
        "socialmap/service_detail.html",
        {"service": service, "may_maintain": policies.may_maintain(request.user)},  # type: ignore[arg-type]
    )


@require_GET
@maintainer_required
def organisations(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "socialmap/organisations.html",
        {
            "organisations": selectors.organisations(user=request.user).prefetch_related(  # type: ignore[arg-type]
                "locations"
            )
        },
    )


@require_http_methods(["GET", "POST"])
@maintainer_required
def organisation_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    org = get_object_or_404(MapOrganisation, pk=pk) if pk is not None else None
    initial = (
        {
            "municipality": org.municipality_id,
            "name": org.name,
            "description": org.description,
            "website": org.website,
            "email": org.email,
            "phone": org.phone,
        }
        if org
        else {}
    )
    form = OrganisationForm(request.POST or None, initial=initial)

    def save(f: Any) -> MapOrganisation:
        return map_organisation_save(actor=request.user, organisation=org, **f.cleaned_data)  # type: ignore[arg-type]

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda _o: reverse("socialmap:organisations"),
        template="socialmap/form.html",
        context={
            "title": _("Organisatie wijzigen") if org else _("Organisatie toevoegen"),
            "back": reverse("socialmap:organisations"),
        },
        success_message=_("De organisatie is opgeslagen."),
    )


@require_http_methods(["GET", "POST"])
@maintainer_required
def location_form(request: HttpRequest) -> HttpResponse:
    form = LocationForm(
        request.POST or None, initial={"organisation": request.GET.get("organisatie")}
    )

    def save(f: Any) -> Location:
        return location_save(actor=request.user, **f.cleaned_data)  # type: ignore[arg-type]

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda _o: reverse("socialmap:organisations"),
        template="socialmap/form.html",
        context={"title": _("Locatie toevoegen"), "back": reverse("socialmap:organisations")},
        success_message=_("De locatie is opgeslagen."),
    )


def _service_initial(service: Service) -> dict[str, Any]:
    first = service.at_locations.order_by("pk").first()
    return {
        "organisation": service.organisation_id,
        "name": service.name,
        "description": service.description,
        "general_provision": service.general_provision,
        "status": service.status,
        "life_domains": service.life_domain_codes,
        "target_groups": service.target_group_codes,
        "for_whom": service.for_whom,
        "whole_municipality": service.whole_municipality,
        "districts": list(service.districts.all()),
        "neighbourhoods": list(service.neighbourhoods.all()),
        "location": first.location_id if first else None,
        "opening_hours": first.opening_hours if first else "",
        "costs": service.costs,
        "how_to_access": service.how_to_access,
        "email": service.email,
        "phone": service.phone,
        "website": service.website,
        "expected_version": service.version,
    }


def _other_locations(service: Service | None) -> list[Any]:
    if service is None:
        return []
    return list(service.at_locations.select_related("location").order_by("pk"))[1:]


@require_http_methods(["GET", "POST"])
@maintainer_required
def service_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    service = get_object_or_404(Service, pk=pk) if pk is not None else None
    form = ServiceForm(request.POST or None, initial=_service_initial(service) if service else {})

    def save(f: Any) -> Service:
        data = dict(f.cleaned_data)
        location, hours = data.pop("location"), data.pop("opening_hours")
        # The form edits the first location; further ones (from an HSDS import) stay.
        others = [(sal.location, sal.opening_hours) for sal in _other_locations(service)]
        chosen = [(location, hours)] if location else []
        return service_save(
            actor=request.user,  # type: ignore[arg-type]
            service=service,
            locations=chosen + [o for o in others if o[0] != location],
            **data,
        )

    return form_page(
        request,
        form=form,
        save=save,
        success_url=lambda s: reverse("socialmap:service", args=[s.pk]),
        template="socialmap/form.html",
        context={
            "title": _("Dienst wijzigen") if service else _("Dienst toevoegen"),
            "back": reverse("socialmap:search"),
        },
        success_message=_("De dienst is opgeslagen."),
    )
