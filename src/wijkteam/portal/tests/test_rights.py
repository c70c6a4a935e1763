"""Inzage and correction requests from the portal, and the export once provided."""

import datetime

import pytest
from django.utils import timezone

from wijkteam.privacy.constants import AccessAction, InzageStatus, RequestChannel
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.rights.models import CorrectionRequest, InzageRequest
from wijkteam.rights.services.resident_requests import OPEN_CORRECTIONS_MAX

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def test_inzage_request_with_the_legal_term_and_one_open_at_a_time(setting: dict) -> None:
    client = logged_in(BSN_A)
    assert client.get("/mijn/inzage/").status_code == 200
    for _ in range(2):
        response = client.post("/mijn/inzage/", {"do": "inzage", "note": "Vanaf 2025"})
        assert response.status_code == 302
    request = InzageRequest.objects.get()
    assert request.resident == setting["resident"]
    assert request.received_via == RequestChannel.PORTAAL
    assert request.received_on == timezone.localdate()
    assert request.due_on >= timezone.localdate() + datetime.timedelta(days=28)
    page = client.get("/mijn/inzage/").content.decode()
    assert "U kunt het uiterlijk" in page and "Download als pdf" not in page
    assert client.get(f"/mijn/inzage/{request.pk}/mijn-gegevens.pdf").status_code == 404
    entry = AccessLogEntry.objects.get(purpose="inzage gevraagd via Mijn wijkteam")
    assert entry.user_id is None and entry.resident_ids == [setting["resident"].pk]


def test_the_export_is_delivered_in_the_portal_once_provided(setting: dict) -> None:
    client = logged_in(BSN_A)
    client.post("/mijn/inzage/", {"do": "inzage"})
    request = InzageRequest.objects.get()
    InzageRequest.objects.filter(pk=request.pk).update(
        status=InzageStatus.VERSTREKT, provided_on=timezone.localdate()
    )
    assert "Download als pdf" in client.get("/mijn/inzage/").content.decode()
    pdf = client.get(f"/mijn/inzage/{request.pk}/mijn-gegevens.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    data = client.get(f"/mijn/inzage/{request.pk}/mijn-gegevens.json").json()
    assert data["resident"]["id"] == setting["resident"].pk
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT).count() == 2
    other = logged_in(setting["other"].bsn)
    assert other.get(f"/mijn/inzage/{request.pk}/mijn-gegevens.json").status_code == 404
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED).count() == 1


def test_correction_request_and_its_limits(setting: dict) -> None:
    client = logged_in(BSN_A)
    empty = client.post(
        "/mijn/inzage/", {"do": "correctie", "concerns": " ", "requested_change": ""}
    )
    assert (
        empty.status_code == 400
        and "Schrijf op welke gegevens niet kloppen" in empty.content.decode()
    )
    assert not CorrectionRequest.objects.exists()
    for n in range(OPEN_CORRECTIONS_MAX):
        response = client.post(
            "/mijn/inzage/",
            {"do": "correctie", "concerns": f"Adres {n}", "requested_change": "Dorpsstraat 2"},
        )
        assert response.status_code == 302
    too_many = client.post(
        "/mijn/inzage/", {"do": "correctie", "concerns": "x", "requested_change": "y"}
    )
    assert too_many.status_code == 400 and "nog lopen" in too_many.content.decode()
    assert (
        CorrectionRequest.objects.filter(resident=setting["resident"]).count()
        == OPEN_CORRECTIONS_MAX
    )
    assert "Verbetering gevraagd op" in client.get("/mijn/inzage/").content.decode()
