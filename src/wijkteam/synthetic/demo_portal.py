"""Mijn wijkteam in the demo: register the portal with the DigiD-test provider and name a few
demo residents to log in as (BSN, name), those with a case first."""

from collections.abc import Callable

from django.apps import apps
from django.conf import settings
from django.db.models import Exists, OuterRef

from wijkteam.cases.models import Case
from wijkteam.residents.models import Resident

SHOWN = 5


def _demo_bsns(count: int) -> list[str]:
    """Test BSNs that pass the elfproef and are not in use yet, from 900000000 on."""
    from stdnum.nl import bsn

    used = set(Resident.objects.exclude(bsn="").values_list("bsn", flat=True))
    found: list[str] = []
    n = 900000000
    while len(found) < count:
        n += 1
        if bsn.is_valid(str(n)) and str(n) not in used:
            found.append(str(n))
    return found


def portal_demo(write: Callable[[str], object]) -> None:
    if not apps.is_installed("wijkteam.idp"):
        return
    from wijkteam.idp.services import portal_client_ensure

    token_endpoint: str = getattr(settings, "OIDC_OP_TOKEN_ENDPOINT", "")
    base = token_endpoint.split("/idp-test/")[0]
    portal_client_ensure(
        client_id=getattr(settings, "OIDC_RP_CLIENT_ID", ""),
        client_secret=getattr(settings, "OIDC_RP_CLIENT_SECRET", ""),
        redirect_uris=[
            f"{base}/mijn/inloggen/terug/",
            f"{base.replace('127.0.0.1', 'localhost')}/mijn/inloggen/terug/",
        ],
    )
    has_case = Exists(Case.objects.filter(household_id=OuterRef("household_id")))
    residents = list(
        Resident.objects.annotate(has_case=has_case)
        .filter(has_case=True, household_relation="hoofdbewoner")
        .order_by("pk")[:SHOWN]
    )
    numbers = _demo_bsns(len(residents) + 1)
    curator_bsn = numbers.pop()
    for resident, number in zip(residents, numbers, strict=True):
        if not resident.bsn:  # the synthetic residents have none: give these a test BSN
            Resident.objects.filter(pk=resident.pk).update(bsn=number)
            resident.bsn = number
    write(f"Mijn wijkteam: {base}/mijn/ (DigiD-test: kies een BSN en niveau Substantieel)")
    for r in residents:
        write(f"  {r.bsn}  {r.full_name}")
    if residents:
        curator_bsn = _demo_representative(residents[0], curator_bsn)
        write(
            f"  {curator_bsn}  curator van {residents[0].full_name} "
            "(kies daarna 'Namens iemand anders')"
        )
    write("")


def _demo_representative(resident: Resident, bsn: str) -> str:
    """A curator for the first demo resident, recorded by the regisseur of their case; the
    curator's BSN (the one recorded earlier when the demo is loaded again)."""
    import datetime

    from django.utils import timezone

    from wijkteam.portal.constants import RepresentationBasis
    from wijkteam.portal.models import Representation

    earlier = Representation.objects.filter(represented=resident).order_by("pk").first()
    if earlier is not None:
        return earlier.representative_bsn
    case = Case.objects.filter(household_id=resident.household_id).order_by("pk").first()
    if case is None or case.coordinator is None:
        return bsn
    Representation.objects.create(
        represented=resident,
        representative_bsn=bsn,
        representative_name="Mr. R. de Curator",
        basis=RepresentationBasis.CURATELE,
        valid_from=timezone.localdate() - datetime.timedelta(days=30),
        recorded_by=case.coordinator,
    )
    return bsn
