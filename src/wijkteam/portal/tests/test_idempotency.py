"""A double submit of the portal's hulpvraag (aanvraag) makes one melding (issue 16)."""

from typing import Any

import pytest

from wijkteam.cases.models import Report
from wijkteam.core.idempotency import new_key

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def test_the_same_rendered_form_sent_twice_makes_one_melding(setting: dict[str, Any]) -> None:
    client = logged_in(BSN_A)
    page = client.get("/mijn/hulp-vragen/").content.decode()
    key = page.split('name="idempotency_key" value="')[1].split('"')[0]
    data = {
        "question": "Ik red het niet meer met de boodschappen.",
        "contact_preference": "telefoon",
        "contact_value": "0612345678",
        "idempotency_key": key,
    }
    first = client.post("/mijn/hulp-vragen/", data)
    assert first.status_code == 302
    # a second click after the user changed a word: still the same form, still one melding
    second = client.post("/mijn/hulp-vragen/", {**data, "question": data["question"] + "!"})
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert Report.objects.count() == 1
    assert new_key() != key
