"""The demo's social map and citizen initiatives for Gemeente Voorbeeld (GM9999), written
through the services by the demo's beheerder (``beheer``) and generalist (``anna``)."""

import datetime

from wijkteam.accounts.models import User
from wijkteam.organisation.models import District, Municipality, Neighbourhood

from .policies import support_teams
from .services import (
    initiative_save,
    initiative_support_add,
    location_save,
    map_organisation_save,
    service_save,
)

ORGS = [
    ("Welzijn Voorbeeld", "Welzijnswerk, ouderenwerk en vrijwilligers in heel Voorbeeld."),
    (
        "Bibliotheek Voorbeeld",
        "De bibliotheek: lezen, leren en het Informatiepunt Digitale Overheid.",
    ),
    ("Voedselbank Voorbeeld", "Voedselpakketten voor huishoudens met te weinig geld."),
]
LOCATIONS = [
    ("Welzijn Voorbeeld", "Buurthuis De Haven", "Havenstraat 12", "9999 AA", "BU99990102"),
    ("Bibliotheek Voorbeeld", "Bibliotheek Centrum", "Stationsplein 3", "9999 AB", "BU99990103"),
    ("Voedselbank Voorbeeld", "Uitgiftepunt Noord", "Molenweg 40", "9999 BA", "BU99990202"),
]
# (organisation, name, what, general, domains, groups, for whom, area codes, location, hours,
#  costs, how to get it)
SERVICES = [
    (
        "Welzijn Voorbeeld",
        "Formulierenhulp",
        "Hulp bij brieven, formulieren en toeslagen.",
        True,
        ["financien"],
        ["volwassenen", "ouderen"],
        "Iedereen die hulp wil bij post.",
        ["GM9999"],
        "Buurthuis De Haven",
        "dinsdag en donderdag 9.30–12.00 uur",
        "Gratis",
        "Binnenlopen, geen afspraak nodig.",
    ),
    (
        "Welzijn Voorbeeld",
        "Koffieochtend De Haven",
        "Samen koffie drinken en mensen ontmoeten.",
        True,
        ["sociaal_netwerk", "tijdsbesteding"],
        ["ouderen"],
        "Buurtbewoners die mensen willen leren kennen.",
        ["WK999901"],
        "Buurthuis De Haven",
        "woensdag 10.00–12.00 uur",
        "€ 1 voor de koffie",
        "Binnenlopen.",
    ),
    (
        "Welzijn Voorbeeld",
        "Mantelzorgsteunpunt",
        "Advies, lotgenoten en respijtzorg voor mantelzorgers.",
        True,
        ["huiselijke_relaties", "geestelijke_gezondheid"],
        ["mantelzorgers"],
        "Wie zorgt voor een naaste.",
        ["GM9999"],
        "",
        "",
        "Gratis",
        "Bel of mail voor een gesprek.",
    ),
    (
        "Bibliotheek Voorbeeld",
        "Taalcafé",
        "Nederlands oefenen in een groep, met vrijwilligers.",
        True,
        ["werk_opleiding", "maatschappelijke_participatie"],
        ["nieuwkomers", "volwassenen"],
        "Wie beter Nederlands wil spreken.",
        ["GM9999"],
        "Bibliotheek Centrum",
        "maandag 19.00–20.30 uur",
        "Gratis",
        "Aanmelden bij de balie.",
    ),
    (
        "Voedselbank Voorbeeld",
        "Voedselpakket",
        "Elke week een pakket met eten.",
        True,
        ["financien", "basale_adl"],
        ["ouders", "volwassenen"],
        "Huishoudens met weinig geld om van te leven.",
        ["WK999902"],
        "Uitgiftepunt Noord",
        "vrijdag 13.00–15.00 uur",
        "Gratis",
        "Met een verwijzing van het wijkteam of schuldhulp.",
    ),
]
INITIATIVES = [
    (
        "Moestuin Bloemenwijk",
        "Samen groente kweken en oogsten.",
        "WK999902",
        "BU99990201",
        "Achter de school aan de Tulpstraat",
        ["tijdsbesteding", "sociaal_netwerk"],
        "actief",
        "Fatima El Amrani",
        "ruimte",
    ),
    (
        "Buurtmaaltijd Havenkwartier",
        "Eens per maand samen eten voor € 3.",
        "WK999901",
        "BU99990102",
        "Buurthuis De Haven",
        ["sociaal_netwerk"],
        "actief",
        "",
        "verbinden",
    ),
    (
        "Klusploeg Noord",
        "Buren helpen buren met kleine klussen.",
        "WK999902",
        "",
        "",
        ["instrumentele_adl"],
        "idee",
        "",
        "",
    ),
]


def add_demo_socialmap(*, today: datetime.date) -> int:
    """Organisations, locations, services and initiatives; returns how many services."""
    municipality = Municipality.objects.filter(cbs_code="GM9999").first()
    beheer = User.objects.filter(username="beheer").first()
    anna = User.objects.filter(username="anna").first()
    if municipality is None or beheer is None:
        return 0
    districts = {d.cbs_code: d for d in District.objects.filter(municipality=municipality)}
    hoods = {
        n.cbs_code: n for n in Neighbourhood.objects.filter(district__municipality=municipality)
    }
    orgs = {
        name: map_organisation_save(
            actor=beheer, municipality=municipality, name=name, description=what
        )
        for name, what in ORGS
    }
    locations = {
        name: location_save(
            actor=beheer,
            organisation=orgs[org],
            name=name,
            address=address,
            postal_code=postcode,
            city="Voorbeeld",
            neighbourhood=hoods.get(hood),
        )
        for org, name, address, postcode, hood in LOCATIONS
    }
    for (
        org,
        name,
        what,
        general,
        domains,
        groups,
        for_whom,
        areas,
        loc,
        hours,
        costs,
        how,
    ) in SERVICES:
        service_save(
            actor=beheer,
            organisation=orgs[org],
            name=name,
            description=what,
            general_provision=general,
            life_domains=domains,
            target_groups=groups,
            for_whom=for_whom,
            whole_municipality="GM9999" in areas,
            districts=[districts[a] for a in areas if a in districts],
            locations=[(locations[loc], hours)] if loc else [],
            costs=costs,
            how_to_access=how,
        )
    if anna is None:
        return len(SERVICES)
    team = support_teams(anna).first()
    for name, what, wijk, hood, where, domains, status, contact, support in INITIATIVES:
        item = initiative_save(
            actor=anna,
            name=name,
            description=what,
            district=districts[wijk],
            neighbourhood=hoods.get(hood),
            meeting_place=where,
            life_domains=domains,
            status=status,
            contact_name=contact,
            contact_consent_on=today - datetime.timedelta(days=30) if contact else None,
        )
        if support and team is not None:
            initiative_support_add(
                actor=anna,
                initiative=item,
                team=team,
                kind=support,
                started_on=today - datetime.timedelta(days=20),
            )
    return len(SERVICES)
