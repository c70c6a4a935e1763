"""A double submit of the consent form or the consent API records one consent (issue 16)."""

import json

import pytest
from django.urls import reverse

from wijkteam.core.idempotency import new_key
from wijkteam.privacy.models import Consent

from .test_api import consent_body
from .test_views import consent_data

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkteam.rights.tests.urls_for_tests")]


def test_consent_form_double_submit(client_for, world):
    client = client_for(world.coordinator)
    target = reverse("privacy:consent_create", args=[world.resident.pk])
    data = {**consent_data(world), "idempotency_key": new_key()}
    first = client.post(target, data)
    assert first.status_code == 302
    second = client.post(target, data, follow=True)
    assert second.redirect_chain[0][0] == first["Location"]
    assert "al verzonden" in second.content.decode()
    assert Consent.objects.count() == 1


def test_consent_api_double_submit(client_for, world):
    client = client_for(world.coordinator)
    key = new_key()
    body = json.dumps(consent_body(world))
    answers = [
        client.post(
            "/api/consents/", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
        )
        for _ in range(2)
    ]
    assert [a.status_code for a in answers] == [201, 201]
    assert answers[0].json() == answers[1].json()
    assert Consent.objects.count() == 1
