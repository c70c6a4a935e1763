"""A double submit of a create form makes one record and shows the first result (issue 16)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.models import Allocation, Decision, Report, TimeEntry
from wijkteam.cases.services import intervention as interventions
from wijkteam.core.idempotency import new_key
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import MembershipFactory, TeamFactory

from .test_decision_fixtures import decided, request_decision, today, world
from .test_decision_views import decide_data, request_data

__all__ = ["world"]

pytestmark = pytest.mark.django_db

ALREADY = "Dit formulier was al verzonden"


def twice(client, target, data):
    """Post the same rendered form twice; both redirect to the same place."""
    data = {**data, "idempotency_key": new_key()}
    first = client.post(target, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    second = client.post(target, data, follow=True)
    assert second.redirect_chain[0][0] == first["Location"]
    assert ALREADY in second.content.decode()
    return first


def test_the_create_forms_carry_a_fresh_key(client_for, world):
    client = client_for(world.coordinator)
    target = reverse("cases:decision_request", args=[world.case.pk])
    pages = [client.get(target).content.decode() for _ in range(2)]
    keys = [p.split('name="idempotency_key" value="')[1][:32] for p in pages]
    assert keys[0] != keys[1]


def test_resident_and_melding_double_submit(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    resident_data = {
        "first_name": "Truus",
        "last_name": "de Wit",
        "date_of_birth": "1941-03-02",
        "household_relation": "hoofdbewoner",
        "postcode": "1234 ab",
        "bsn": "",
    }
    twice(client, reverse("residents:create"), resident_data)
    resident = Resident.objects.get()
    received = timezone.localtime() - datetime.timedelta(hours=2)
    report_data = {
        "team": team.pk,
        "channel": "telefoon",
        "referrer_kind": "huisarts",
        "question": "Kan niet meer douchen.",
        "received_at": received.strftime("%Y-%m-%dT%H:%M"),
        "law_track": "wmo",
        "informed_about_client_support": "on",
    }
    twice(client, f"{reverse('cases:report_create')}?inwoner={resident.pk}", report_data)
    assert Report.objects.count() == 1


def test_without_a_key_every_submit_writes(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    data = {
        "first_name": "Jan",
        "last_name": "Smit",
        "date_of_birth": "1950-01-01",
        "household_relation": "hoofdbewoner",
        "postcode": "",
        "bsn": "",
    }
    client.post(reverse("residents:create"), data)
    client.post(reverse("residents:create"), {**data, "confirm_not_duplicate": "on"})
    assert Resident.objects.count() == 2


def test_a_form_with_errors_keeps_its_key_for_the_corrected_submit(client_for, world):
    client = client_for(world.coordinator)
    target = reverse("cases:decision_request", args=[world.case.pk])
    key = new_key()
    bad = client.post(
        target, {**request_data(world, product_category="99"), "idempotency_key": key}
    )
    assert bad.status_code == 400
    assert f'value="{key}"' in bad.content.decode()
    good = client.post(target, {**request_data(world), "idempotency_key": key})
    assert good.status_code == 302
    assert Decision.objects.count() == 1


def test_aanvraag_and_decision_double_submit(client_for, world):
    twice(
        client_for(world.coordinator),
        reverse("cases:decision_request", args=[world.case.pk]),
        request_data(world),
    )
    assert Decision.objects.count() == 1
    Decision.objects.all().delete()
    decision = request_decision(world)
    target = reverse("cases:decision_take", args=[decision.case_id, decision.pk])
    twice(client_for(world.beslisser), target, decide_data())
    decision.refresh_from_db()
    assert decision.status == "besloten"


def test_allocation_and_time_entry_double_submit(client_for, world):
    decision = decided(world)
    data = {
        "description": "Begeleiding",
        "starts_on": today().isoformat(),
        "decision": decision.pk,
        "provider": world.provider.pk,
        "volume": "3",
        "unit": "04",
        "frequency": "2",
        "own_employer_reason": "",
    }
    target = reverse("cases:intervention_start", args=[world.case.pk, "maatwerk"])
    twice(client_for(world.coordinator), target, data)
    assert Allocation.objects.count() == 1
    intervention = interventions.intervention_start(
        actor=world.coordinator,
        case=world.case,
        kind="lichte_ondersteuning",
        description="Post doornemen",
        starts_on=today() - datetime.timedelta(days=3),
        delivered_by=world.coordinator,
    )
    target = reverse("cases:time_entry_add", args=[world.case.pk, intervention.pk])
    twice(client_for(world.coordinator), target, {"worked_on": today().isoformat(), "hours": "1"})
    assert TimeEntry.objects.count() == 1
