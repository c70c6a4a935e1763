"""Connecting a resident to a citizen initiative, only with the resident's consent."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.cases.models import InitiativeConnection
from wijkteam.cases.selectors_plan import initiative_connections_per_district
from wijkteam.cases.services.initiatives import initiative_connect
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    CaseFactory,
    DistrictFactory,
    InitiativeFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture
def setting():
    case = CaseFactory(uitvoering=True)
    resident = ResidentFactory(household=case.household)
    district = DistrictFactory(municipality=case.team.municipality)
    initiative = InitiativeFactory(district=district)
    return case, resident, initiative


def test_without_consent_nothing_is_stored(setting):
    case, resident, initiative = setting
    with pytest.raises(ValidationError) as exc:
        initiative_connect(
            actor=case.coordinator, case=case, resident=resident, initiative=initiative,
            consent_given=False, consent_on=TODAY,
        )  # fmt: skip
    assert "toestemming" in exc.value.message_dict["consent_given"][0]
    assert not InitiativeConnection.objects.exists()


def test_with_consent_the_connection_is_kept_logged_and_counted(setting):
    case, resident, initiative = setting
    initiative_connect(
        actor=case.coordinator, case=case, resident=resident, initiative=initiative,
        consent_given=True, consent_on=TODAY, consent_note="mondeling",
    )  # fmt: skip
    assert InitiativeConnection.objects.get().consent_on == TODAY
    assert AccessLogEntry.objects.filter(action="create").exists()
    counts = initiative_connections_per_district(
        municipality_id=case.team.municipality_id,
        start=TODAY - datetime.timedelta(days=1),
        end=TODAY,
    )
    assert counts == {initiative.district_id: 1}
    with pytest.raises(ValidationError):  # twice is refused, in Dutch
        initiative_connect(
            actor=case.coordinator, case=case, resident=resident, initiative=initiative,
            consent_given=True, consent_on=TODAY,
        )  # fmt: skip


def test_a_resident_outside_the_household_is_refused(setting):
    case, _resident, initiative = setting
    with pytest.raises(ValidationError) as exc:
        initiative_connect(
            actor=case.coordinator, case=case, resident=ResidentFactory(), initiative=initiative,
            consent_given=True, consent_on=TODAY,
        )  # fmt: skip
    assert "resident" in exc.value.message_dict


def test_the_screen_refuses_without_consent_in_dutch(setting, client_for):
    case, resident, initiative = setting
    client = client_for(case.coordinator)
    url = f"/casussen/{case.pk}/initiatieven/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"resident": resident.pk, "initiative": initiative.pk})
    assert response.status_code == 400
    assert "alleen met een initiatief als de inwoner daar toestemming" in response.content.decode()
    response = client.post(
        url,
        {"resident": resident.pk, "initiative": initiative.pk, "consent_given": "on",
         "consent_on": TODAY.isoformat()},
    )  # fmt: skip
    assert response.status_code == 302
    assert initiative.name in client.get(url).content.decode()
