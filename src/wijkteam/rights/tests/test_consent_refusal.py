"""Refusing consent: the service, the screen and the API (issue 12)."""

import datetime
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.privacy.constants import AccessAction, DataCategory, RefusalReason
from wijkteam.privacy.models import AccessLogEntry, ConsentRefusal
from wijkteam.rights import services
from wijkteam.testing.factories import MunicipalityFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkteam.rights.tests.urls_for_tests")]

TODAY = timezone.localdate


def refuse(world, **overrides):
    kwargs = {
        "actor": world.coordinator,
        "resident": world.resident,
        "organisation": world.provider,
        "category": DataCategory.GEZONDHEID,
        "refused_on": TODAY(),
        "reason": RefusalReason.VERTROUWEN,
    }
    kwargs.update(overrides)
    return services.consent_refuse(**kwargs)


def test_refuse_stores_codes_with_audit_and_access_log(world):
    refusal = refuse(world)
    assert (refusal.category, refusal.reason) == ("gezondheid", "vertrouwen")
    assert AuditEvent.objects.filter(object_type="privacy.ConsentRefusal").count() == 1
    entry = AccessLogEntry.objects.filter(action=AccessAction.CREATE).last()
    assert entry is not None and entry.resident_ids == [world.resident.pk]
    assert refuse(world, category=DataCategory.PLAN, reason="").reason == ""


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"category": "zorg"}, "category"),
        ({"reason": "omdat het zo is"}, "reason"),
        ({"refused_on": None}, "refused_on"),
        ({"refused_on": datetime.date.today() + datetime.timedelta(days=3)}, "refused_on"),
    ],
)
def test_bad_input_is_a_dutch_message_and_nothing_is_stored(world, overrides, field):
    with pytest.raises(ValidationError) as exc:
        refuse(world, **overrides)
    assert field in exc.value.message_dict
    assert not ConsentRefusal.objects.exists()


def test_an_organisation_of_another_municipality_is_refused(world):
    elsewhere = OrganisationFactory(municipality=MunicipalityFactory(cbs_code="GM0999"))
    with pytest.raises(ValidationError) as exc:
        refuse(world, organisation=elsewhere)
    assert "organisation" in exc.value.message_dict
    assert not ConsentRefusal.objects.exists()


def test_the_same_refusal_twice_is_one_row(world):
    refuse(world)
    with pytest.raises(ValidationError, match="al vastgelegd"):
        refuse(world)
    assert ConsentRefusal.objects.count() == 1


def test_out_of_scope_is_refused_logged_and_stores_nothing(world):
    with pytest.raises(PermissionDenied):
        refuse(world, actor=world.outsider)
    assert not ConsentRefusal.objects.exists()
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED, user=world.outsider).exists()


# ---- the screen ----------------------------------------------------------------------------


def test_the_screen_records_and_lists_a_refusal(client_for, world):
    client = client_for(world.coordinator)
    url = reverse("privacy:consent_refuse", args=[world.resident.pk])
    assert client.get(url).status_code == 200
    data = {
        "organisation": world.provider.pk,
        "category": "gezondheid",
        "refused_on": TODAY().isoformat(),
        "reason": "wil_nadenken",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(reverse("privacy:consent_list", args=[world.resident.pk]))
    assert "Wil er eerst over nadenken" in page.content.decode()
    again = client.post(url, data)
    assert again.status_code == 400
    assert "al vastgelegd" in again.content.decode()
    assert ConsentRefusal.objects.count() == 1


def test_the_screen_with_bad_input_is_400_and_out_of_scope_is_404(client_for, world):
    client = client_for(world.coordinator)
    url = reverse("privacy:consent_refuse", args=[world.resident.pk])
    response = client.post(url, {"organisation": world.provider.pk, "category": "x"})
    assert response.status_code == 400
    assert "Kies de soort gegevens uit de lijst." in response.content.decode()
    assert client_for(world.outsider).get(url).status_code == 404
    assert not ConsentRefusal.objects.exists()


# ---- the API -------------------------------------------------------------------------------


def post(client, data):
    return client.post("/api/consent-refusals/", json.dumps(data), content_type="application/json")


def test_api_create_and_list_scoped_to_the_team(client_for, world):
    client = client_for(world.coordinator)
    body = {
        "resident": world.resident.pk,
        "organisation": world.provider.pk,
        "category": "plan",
        "refused_on": TODAY().isoformat(),
    }
    created = post(client, body)
    assert created.status_code == 201, created.content
    assert created.json()["reason"] == ""
    assert post(client, body).status_code == 400  # the same refusal again
    listed = client.get("/api/consent-refusals/").json()
    assert listed["count"] == 1 and listed["results"][0]["category"] == "plan"
    one = client.get(f"/api/consent-refusals/?resident={world.resident.pk}").json()
    assert one["count"] == 1
    # another team does not see it, and may not record one
    outsider = client_for(world.outsider)
    assert outsider.get("/api/consent-refusals/").json()["count"] == 0
    assert post(outsider, body | {"category": "netwerk"}).status_code == 404
    assert ConsentRefusal.objects.count() == 1


def test_api_bad_input_is_a_structured_400(client_for, world):
    client = client_for(world.coordinator)
    response = post(
        client,
        {
            "resident": world.resident.pk,
            "organisation": world.provider.pk,
            "category": "zorg",
            "refused_on": "gisteren",
            "reason": "vrije tekst",
        },
    )
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"category", "refused_on", "reason"} <= set(errors)
    unknown = post(
        client,
        {
            "resident": world.resident.pk,
            "organisation": 2**62,
            "category": "plan",
            "refused_on": TODAY().isoformat(),
        },
    )
    assert unknown.status_code == 400 and "organisation" in unknown.json()["errors"]
    assert client.get("/api/consent-refusals/?resident=abc").status_code == 400
    assert not ConsentRefusal.objects.exists()
