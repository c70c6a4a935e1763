"""The social infrastructure of a wijk or buurt (for the area pages and the API): scoped to
the user's municipalities, counted, and without any contact person."""

import dataclasses
import datetime

from wijkteam.socialmap.constants import InitiativeStatus, ServiceStatus
from wijkteam.socialmap.models import InitiativeSupport
from wijkteam.socialmap.selectors_area import area_initiatives, area_services
from wijkteam.testing.factories import (
    InitiativeFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    NeighbourhoodFactory,
    UserFactory,
)

DAY = datetime.date(2026, 3, 1)


def test_services_of_a_wijk_and_a_buurt_with_counts(world):
    MapServiceFactory(organisation=world.org, name="Formulierenhulp")  # whole municipality
    custom = MapServiceFactory(organisation=world.org, name="Schuldhulp", whole_municipality=False)
    custom.general_provision = False
    custom.save()
    custom.neighbourhoods.add(world.hood)
    noord = MapServiceFactory(organisation=world.org, name="Taalcafé", whole_municipality=False)
    noord.districts.add(world.other_district)
    MapServiceFactory(organisation=world.org, name="Gesloten", status=ServiceStatus.INACTIVE)
    elders = MapOrganisationFactory(municipality=world.other_municipality)
    MapServiceFactory(organisation=elders, name="Elders")

    wijk = area_services(user=world.member, district=world.district)
    assert [r.name for r in wijk.rows] == ["Formulierenhulp", "Schuldhulp"]  # general first
    assert (wijk.total, wijk.general) == (2, 1)
    assert wijk.rows[0].organisation == "Welzijn Voorbeeld"
    buurt = area_services(user=world.member, neighbourhood=world.hood)
    assert {r.name for r in buurt.rows} == {"Formulierenhulp", "Schuldhulp"}
    other = NeighbourhoodFactory(district=world.district)
    assert [r.name for r in area_services(user=world.member, neighbourhood=other).rows] == [
        "Formulierenhulp"
    ]
    noord_rows = area_services(user=world.member, district=world.other_district).rows
    assert {r.name for r in noord_rows} == {"Formulierenhulp", "Taalcafé"}


def test_initiatives_of_a_wijk_and_a_buurt_with_support_and_no_contact_person(world):
    in_hood = InitiativeFactory(
        district=world.district,
        neighbourhood=world.hood,
        name="Moestuin",
        contact_name="Jan Contact",
        contact_phone="0612345678",
        contact_consent_on=DAY,
    )
    InitiativeFactory(district=world.district, name="Wijkkrant", status=InitiativeStatus.IDEE)
    InitiativeFactory(district=world.district, name="Gestopt", status=InitiativeStatus.GESTOPT)
    InitiativeFactory(
        district=world.district,
        neighbourhood=NeighbourhoodFactory(district=world.district),
        name="Andere buurt",
    )
    InitiativeFactory(district=world.foreign_district, name="Elders")
    InitiativeSupport.objects.create(
        initiative=in_hood,
        team=world.team,
        kind="advies",
        started_on=DAY - datetime.timedelta(days=10),
        created_by=world.member,
    )
    wijk = area_initiatives(user=world.member, district=world.district, on=DAY)
    assert [r.name for r in wijk.rows] == ["Andere buurt", "Moestuin", "Wijkkrant"]
    assert (wijk.total, wijk.supported) == (3, 1)
    buurt = area_initiatives(user=world.member, neighbourhood=world.hood, on=DAY)
    assert [(r.name, r.neighbourhood, r.supported) for r in buurt.rows] == [
        ("Moestuin", "Oude Kern", True),
        ("Wijkkrant", "", False),
    ]
    assert buurt.rows[1].status == "Idee"
    # No contact person, phone or e-mail travels with a row.
    for row in wijk.rows:
        assert "Jan Contact" not in str(dataclasses.asdict(row))
        assert "0612345678" not in str(dataclasses.asdict(row))
    # Support that ended before the day does not count.
    assert (
        area_initiatives(
            user=world.member, district=world.district, on=DAY.replace(year=2025)
        ).supported
        == 0
    )


def test_scope_members_of_other_municipalities_and_other_roles(world):
    MapServiceFactory(organisation=world.org, name="Formulierenhulp")
    InitiativeFactory(district=world.district, name="Moestuin")
    assert area_services(user=world.foreign_member, district=world.district).total == 0
    assert area_initiatives(user=world.foreign_member, district=world.district).total == 0
    for user in (world.beheerder, UserFactory(beleid=True)):
        assert area_services(user=user, district=world.district).total == 1
        assert area_initiatives(user=user, district=world.district).total == 1
    for user in (UserFactory(wmoraad=True), UserFactory()):
        assert area_services(user=user, district=world.district).total == 0
        assert area_initiatives(user=user, district=world.district).total == 0


def test_a_beleidsmedewerker_of_a_team_reads_that_teams_municipality_only(world):
    from wijkteam.testing.factories import MembershipFactory

    MapServiceFactory(organisation=world.org, name="Formulierenhulp")
    beleid = UserFactory(beleid=True)
    MembershipFactory(team=world.foreign_member.memberships.first().team, user=beleid)
    assert area_services(user=beleid, district=world.district).total == 0
    MapServiceFactory(
        organisation=MapOrganisationFactory(municipality=world.other_municipality), name="Elders"
    )
    assert area_services(user=beleid, district=world.foreign_district).total == 1
