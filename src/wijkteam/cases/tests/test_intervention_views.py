import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.cases.constants import InterventionStatus
from wijkteam.cases.models import Allocation, Intervention, ScaleEvent, TimeEntry
from wijkteam.cases.services import intervention as interventions

from .test_decision_fixtures import decided, today, world

__all__ = ["world"]

pytestmark = pytest.mark.django_db


def start_url(w, kind):
    return reverse("cases:intervention_start", args=[w.case.pk, kind])


def action_url(name, intervention):
    return reverse(f"cases:{name}", args=[intervention.case_id, intervention.pk])


def light(w):
    return interventions.intervention_start(
        actor=w.coordinator,
        case=w.case,
        kind="lichte_ondersteuning",
        description="Post doornemen",
        starts_on=today() - datetime.timedelta(days=3),
        delivered_by=w.coordinator,
    )


def test_start_forms_render_for_every_kind(client_for, world):
    decided(world)
    client = client_for(world.coordinator)
    for kind in ("lichte_ondersteuning", "algemene_voorziening", "maatwerk"):
        assert client.get(start_url(world, kind)).status_code == 200
    assert client.get(start_url(world, "onbekend")).status_code == 404


def test_start_light_support(client_for, world):
    response = client_for(world.coordinator).post(
        start_url(world, "lichte_ondersteuning"),
        {
            "description": "Samen de post doornemen",
            "starts_on": today().isoformat(),
            "delivered_by": world.beslisser.pk,
        },
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#intervention")
    assert Intervention.objects.get().delivered_by == world.beslisser


def test_start_general_provision_without_name_is_400(client_for, world):
    response = client_for(world.coordinator).post(
        start_url(world, "algemene_voorziening"),
        {"description": "Verwijzing", "starts_on": today().isoformat(), "provision_name": ""},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Intervention.objects.exists()


def test_allocate_to_own_employer_through_the_screen(client_for, world):
    decision = decided(world)
    data = {
        "description": "Begeleiding",
        "starts_on": today().isoformat(),
        "decision": decision.pk,
        "provider": world.beslisser_employer.pk,
        "volume": "3",
        "unit": "04",
        "frequency": "2",
        "own_employer_reason": "",
    }
    client = client_for(world.beslisser)
    response = client.post(start_url(world, "maatwerk"), data)
    assert response.status_code == 400
    assert "is uw eigen werkgever" in response.content.decode()
    assert not Allocation.objects.exists()
    data["own_employer_reason"] = "Enige aanbieder met plek."
    assert client.post(start_url(world, "maatwerk"), data).status_code == 302
    assert Allocation.objects.get().own_employer is True


def test_allocation_above_decision_is_400(client_for, world):
    decision = decided(world)
    response = client_for(world.coordinator).post(
        start_url(world, "maatwerk"),
        {
            "description": "Begeleiding",
            "starts_on": today().isoformat(),
            "decision": decision.pk,
            "provider": world.provider.pk,
            "volume": "40",
            "unit": "04",
            "frequency": "2",
        },
    )
    assert response.status_code == 400
    assert "groter dan in het besluit is toegekend" in response.content.decode()
    assert not Intervention.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "supporter"])
def test_non_workers_get_404(client_for, world, who):
    intervention = light(world)
    client = client_for(getattr(world, who))
    assert client.get(start_url(world, "lichte_ondersteuning")).status_code == 404
    assert client.get(action_url("intervention_scale", intervention)).status_code == 404
    assert client.get(action_url("intervention_end", intervention)).status_code == 404
    response = client.post(
        action_url("time_entry_add", intervention),
        {"worked_on": today().isoformat(), "hours": "1"},
    )
    assert response.status_code == 404
    assert not TimeEntry.objects.exists()


def test_time_entry_through_the_screen(client_for, world):
    intervention = light(world)
    client = client_for(world.coordinator)
    target = action_url("time_entry_add", intervention)
    assert client.get(target).status_code == 200
    bad = client.post(target, {"worked_on": today().isoformat(), "hours": "30"})
    assert bad.status_code == 400
    assert "ten hoogste 24" in bad.content.decode()
    future = (today() + datetime.timedelta(days=2)).isoformat()
    assert client.post(target, {"worked_on": future, "hours": "1"}).status_code == 400
    assert not TimeEntry.objects.exists()
    ok = client.post(target, {"worked_on": today().isoformat(), "hours": "1.25", "note": "post"})
    assert ok.status_code == 302
    assert TimeEntry.objects.get().hours == Decimal("1.25")


def test_scale_and_end_through_the_screen(client_for, world):
    decision = decided(world)
    intervention = interventions.intervention_start(
        actor=world.coordinator,
        case=world.case,
        kind="maatwerk",
        description="Begeleiding",
        starts_on=today(),
        decision=decision,
        provider=world.provider,
        volume=Decimal(4),
        unit="04",
        frequency="2",
    )
    client = client_for(world.coordinator)
    target = action_url("intervention_scale", intervention)
    assert "huidige omvang 4" in client.get(target).content.decode()
    bad = client.post(target, {"change": "opschalen", "new_volume": "9", "reason": "Meer"})
    assert bad.status_code == 400 and "nieuw besluit" in bad.content.decode()
    ok = client.post(target, {"change": "afschalen", "new_volume": "2", "reason": "Beter"})
    assert ok.status_code == 302
    assert ScaleEvent.objects.get().new_volume == Decimal(2)
    end = action_url("intervention_end", intervention)
    future = (today() + datetime.timedelta(days=1)).isoformat()
    assert client.post(end, {"ends_on": future}).status_code == 400
    assert client.post(end, {"ends_on": today().isoformat()}).status_code == 302
    assert Intervention.objects.get().status == InterventionStatus.BEEINDIGD


def test_section_shows_interventions_with_a_fixed_number_of_queries(client_for, world):
    client = client_for(world.coordinator)
    target = reverse("cases:detail", args=[world.case.pk]) + "?onderdeel=inzet"
    client.get(target)
    with CaptureQueriesContext(connection) as small:
        response = client.get(target)
    assert "Nog geen interventies." in response.content.decode()
    decision = decided(world, volume=Decimal(9))
    for _ in range(3):
        intervention = interventions.intervention_start(
            actor=world.beslisser,
            case=world.case,
            kind="maatwerk",
            description="Begeleiding",
            starts_on=today(),
            decision=decision,
            provider=world.beslisser_employer,
            volume=Decimal(3),
            unit="04",
            frequency="2",
            own_employer_reason="Wachtlijst elders.",
        )
        interventions.intervention_scale(
            actor=world.coordinator,
            intervention=intervention,
            change="afschalen",
            new_volume=Decimal(2),
            reason="Minder nodig",
        )
    extra = light(world)
    interventions.time_entry_add(
        actor=world.coordinator, intervention=extra, worked_on=today(), hours=Decimal("2.5")
    )
    with CaptureQueriesContext(connection) as large:
        response = client.get(target)
    html = response.content.decode()
    for allocation in Allocation.objects.all():
        assert allocation.allocation_number in html
    assert "eigen werkgever van de toewijzer" in html
    assert "2,50 uur geschreven" in html
    assert len(large) == len(small)
