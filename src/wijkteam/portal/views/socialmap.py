"""The social map for residents: the active services in plain words, read-only.

No personal data is shown; the page is behind the portal log-in like the rest of Mijn
wijkteam and lists the services of the resident's municipality (all when the resident is not
known yet). The list comes from ``socialmap.selectors.public_services``."""

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkteam.socialmap.constants import LifeDomain
from wijkteam.socialmap.selectors import public_services

from .common import portal_page, resident_or_none

PAGE_SIZE = 20


@portal_page()
def social_map(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("zoek", "")[:100]
    domain = request.GET.get("onderwerp", "")
    if domain not in LifeDomain.values:
        domain = ""
    resident = resident_or_none(request)  # only to pick the municipality; nothing of it shown
    services = public_services(
        text=text,
        life_domain=domain,
        municipality_id=resident.municipality_id if resident is not None else None,
    )
    page = Paginator(services, PAGE_SIZE).get_page(request.GET.get("pagina"))
    query = request.GET.copy()
    query.pop("pagina", None)
    return render(
        request,
        "portal/social_map.html",
        {
            "title": _("Hulp en activiteiten in de buurt"),
            "page_obj": page,
            "text": text,
            "domain": domain,
            "domains": LifeDomain.choices,
            "query": query.urlencode(),
        },
    )
