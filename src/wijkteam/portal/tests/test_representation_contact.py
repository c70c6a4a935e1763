"""The representative's phone and e-mail: recorded and changed on the case's "Mijn wijkteam"
page, handed to the iwmo registry (the 301's Relatie/Contact), in the inzage export and
destroyed with the resident."""

from typing import Any

import pytest

from wijkteam.audit.models import AuditEvent
from wijkteam.portal.models import Representation
from wijkteam.portal.representatives import legal_representatives
from wijkteam.privacy import registry
from wijkteam.rights.inzage import build_export

from .test_representation import REPRESENTATIVE_BSN, represent

pytestmark = pytest.mark.django_db


def url(setting: dict, page: str = "vertegenwoordiging/") -> str:
    return f"/casussen/{setting['case'].pk}/mijn-wijkteam/{page}"


def record_data(setting: dict, **extra: str) -> dict[str, Any]:
    return {
        "represented": setting["resident"].pk,
        "representative_name": "J. Mentor",
        "representative_bsn": REPRESENTATIVE_BSN,
        "basis": "mentorschap",
        "valid_from": "01-01-2026",
        **extra,
    }


def test_recording_with_phone_and_email(setting: dict, client_for: Any) -> None:
    coordinator = client_for(setting["case"].coordinator)
    bad = coordinator.post(url(setting), record_data(setting, phone="12", email="geen-adres"))
    page = bad.content.decode()
    assert bad.status_code == 400 and "Vul een telefoonnummer in van 10 cijfers" in page
    assert "Vul een geldig e-mailadres in" in page
    assert not Representation.objects.exists()
    good = record_data(setting, phone="06 12345678", email="mentor@voorbeeld.nl")
    assert coordinator.post(url(setting), good).status_code == 302
    row = Representation.objects.get()
    assert (row.phone, row.email) == ("06 12345678", "mentor@voorbeeld.nl")
    shown = coordinator.get(url(setting, "")).content.decode()
    assert "06 12345678" in shown and "mentor@voorbeeld.nl" in shown
    # handed to the iwmo registry for the 301's Relatie/Contact
    (person,) = legal_representatives(setting["resident"].pk, row.valid_from)
    assert (person.phones, person.email) == (["06 12345678"], "mentor@voorbeeld.nl")


def test_changing_phone_and_email_on_the_page(setting: dict, client_for: Any) -> None:
    row = represent(setting["resident"])
    coordinator = client_for(setting["case"].coordinator)
    prefix = f"contact-{row.pk}"
    data = {"do": "contact", "representation": row.pk}
    bad = coordinator.post(url(setting), {**data, f"{prefix}-email": "x@"})
    assert bad.status_code == 400
    assert "Vul een geldig e-mailadres in" in bad.content.decode()
    assert f'id="id_{prefix}-email"' in bad.content.decode()
    row.refresh_from_db()
    assert row.email == ""
    done = coordinator.post(
        url(setting), {**data, f"{prefix}-phone": "020-1234567", f"{prefix}-email": "c@v.nl"}
    )
    assert done.status_code == 302
    row.refresh_from_db()
    assert (row.phone, row.email) == ("020-1234567", "c@v.nl")
    event = AuditEvent.objects.filter(object_id=str(row.pk)).latest("pk")
    assert "c@v.nl" not in str(event.changes) and "phone" in str(event.changes)
    # emptied again: the 301 then carries the Relatie's Soort only
    coordinator.post(url(setting), {**data, f"{prefix}-phone": "", f"{prefix}-email": ""})
    row.refresh_from_db()
    assert (row.phone, row.email) == ("", "")
    # someone outside the case cannot change it
    other = represent(setting["other"])
    refused = coordinator.post(
        url(setting),
        {"do": "contact", "representation": other.pk, f"contact-{other.pk}-phone": "0612345678"},
    )
    assert refused.status_code == 404


def test_in_the_inzage_export_and_destroyed_with_the_resident(setting: dict) -> None:
    resident = setting["resident"]
    represent(resident, phone="0612345678", email="curator@voorbeeld.nl")
    export = build_export(resident)
    (section,) = [s for s in export["sections"] if s["model"] == "portal.Representation"]
    (record,) = section["records"]
    assert (record["phone"], record["email"]) == ("0612345678", "curator@voorbeeld.nl")
    (rows,) = [r for r in registry.resident_rows() if r.label == "portal.Representation"]
    rows.rows([resident.pk], resident.household_id).delete()
    assert not Representation.objects.filter(email="curator@voorbeeld.nl").exists()
