import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError

from wijkteam.audit.models import AuditEvent
from wijkteam.socialmap.models import Initiative, InitiativeSupport, Service
from wijkteam.socialmap.services import (
    initiative_save,
    initiative_support_add,
    initiative_support_end,
    location_save,
    service_save,
)
from wijkteam.testing.factories import InitiativeFactory


def test_the_beheerder_adds_a_service_at_a_location(world):
    loc = location_save(
        actor=world.beheerder,
        organisation=world.org,
        name="Buurthuis De Kern",
        address="Kerkstraat 1",
        city="Voorbeeld",
        neighbourhood=world.hood,
    )
    service = service_save(
        actor=world.beheerder,
        organisation=world.org,
        name="Koffieochtend",
        description="Elkaar ontmoeten.",
        life_domains=["sociaal_netwerk", "tijdsbesteding"],
        target_groups=["ouderen"],
        locations=[(loc, "dinsdag 10.00–12.00 uur")],
    )
    assert service.life_domain_codes == ["sociaal_netwerk", "tijdsbesteding"]
    assert service.at_locations.get().opening_hours == "dinsdag 10.00–12.00 uur"
    assert AuditEvent.objects.filter(object_type="socialmap.Service", action="create").exists()


def test_a_professional_may_not_maintain_the_map(world):
    with pytest.raises(PermissionDenied):
        service_save(
            actor=world.member,
            organisation=world.org,
            name="X",
            description="Y",
            whole_municipality=True,
        )


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"life_domains": ["geluk"], "whole_municipality": True}, "life_domains"),
        ({"target_groups": ["katten"], "whole_municipality": True}, "target_groups"),
        ({}, "districts"),
    ],
)
def test_bad_service_input_is_refused_in_dutch_and_nothing_stored(world, kwargs, field):
    with pytest.raises(ValidationError) as exc:
        service_save(
            actor=world.beheerder, organisation=world.org, name="X", description="Y", **kwargs
        )
    assert field in exc.value.message_dict
    assert Service.objects.count() == 0


def test_a_district_of_another_municipality_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        service_save(
            actor=world.beheerder,
            organisation=world.org,
            name="X",
            description="Y",
            districts=[world.foreign_district],
        )
    assert "gemeente van de organisatie" in exc.value.message_dict["districts"][0]


def _initiative(world, **kwargs):
    values = {
        "actor": world.member,
        "name": "Moestuin Oude Kern",
        "description": "Samen tuinieren.",
        "district": world.district,
        "neighbourhood": world.hood,
        "life_domains": ["tijdsbesteding"],
    }
    values.update(kwargs)
    return initiative_save(**values)


def test_a_contact_person_is_listed_only_with_consent(world):
    with pytest.raises(ValidationError) as exc:
        _initiative(world, contact_name="Fatima", contact_phone="0612345678")
    assert "toestemming" in exc.value.message_dict["contact_consent_on"][0]
    assert not Initiative.objects.exists()
    item = _initiative(world, contact_name="Fatima", contact_consent_on=datetime.date(2026, 11, 1))
    assert item.contact_name == "Fatima"


def test_the_database_refuses_contact_details_without_consent(world):
    with pytest.raises(IntegrityError):
        InitiativeFactory(district=world.district, contact_email="a@example.org")


def test_an_initiative_outside_the_users_municipality_is_refused(world):
    with pytest.raises(PermissionDenied):
        _initiative(world, actor=world.foreign_member, neighbourhood=None)


def test_a_buurt_outside_the_wijk_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        _initiative(world, district=world.other_district)
    assert "neighbourhood" in exc.value.message_dict


def test_the_team_records_and_ends_its_support(world):
    item = _initiative(world)
    support = initiative_support_add(
        actor=world.member,
        initiative=item,
        team=world.team,
        kind="ruimte",
        started_on=datetime.date(2026, 10, 1),
    )
    with pytest.raises(ValidationError):
        initiative_support_end(
            actor=world.member, support=support, ended_on=datetime.date(2026, 9, 1)
        )
    initiative_support_end(actor=world.member, support=support, ended_on=datetime.date(2026, 12, 1))
    assert InitiativeSupport.objects.get().ended_on == datetime.date(2026, 12, 1)


def test_support_for_another_team_is_refused(world):
    item = _initiative(world)
    with pytest.raises(PermissionDenied):
        initiative_support_add(
            actor=world.foreign_member,
            initiative=item,
            team=world.team,
            kind="advies",
            started_on=datetime.date(2026, 10, 1),
        )
    assert not InitiativeSupport.objects.exists()
