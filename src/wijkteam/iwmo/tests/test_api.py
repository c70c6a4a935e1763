"""The API of the message log, the providers' requests and the catalogue: scoped like the
screens, errors structured and in the OpenAPI schema."""

import datetime

import pytest
from django.test import Client

from wijkteam.iwmo.constants import RequestStatus
from wijkteam.iwmo.models import Message, ProviderRequest
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.providers.models import ContractedProduct
from wijkteam.testing.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def message(w, n: int, **extra) -> Message:
    fields = {
        "standard": "iwmo",
        "message_type": "315",
        "direction": "in",
        "status": "verwerkt",
        "message_id": f"API{n}",
        "sender": "12345678",
        "receiver": "0001",
        "case": w.case,
        "resident": w.resident,
        "provider": w.provider,
        "raw_xml": "<Bericht>geheim</Bericht>",
    }
    fields.update(extra)
    return Message.objects.create(**fields)


def provider_request(w) -> ProviderRequest:
    today = datetime.date.today()
    return ProviderRequest.objects.create(
        message=message(w, 99),
        kind="315",
        case=w.case,
        resident=w.resident,
        provider=w.provider,
        reference="REF1",
        product_category="02",
        starts_on=today,
        received_on=today,
        due_on=today + datetime.timedelta(days=7),
    )


def test_the_log_for_beheerder_and_teamleider_never_for_a_member(w, client_for):
    mine = message(w, 1)
    beheerder = client_for(UserFactory(beheerder=True))
    rows = beheerder.get("/api/iwmo-messages/").json()["results"]
    assert mine.pk in [r["id"] for r in rows]
    assert all(r["case"] is None for r in rows)  # the beheerder sees no cases
    detail = beheerder.get(f"/api/iwmo-messages/{mine.pk}/").json()
    assert detail["xml"] is None and detail["message_type"] == "315"
    leader = client_for(w.leader)
    before = AccessLogEntry.objects.count()
    rows = leader.get("/api/iwmo-messages/?direction=in").json()["results"]
    assert {r["case"] for r in rows} == {w.case.pk}
    assert AccessLogEntry.objects.count() > before  # the read of the page is logged
    assert "geheim" in leader.get(f"/api/iwmo-messages/{mine.pk}/").json()["xml"]
    refused = client_for(w.coordinator).get("/api/iwmo-messages/")
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert leader.get("/api/iwmo-messages/abc/").status_code == 404
    assert Client().get("/api/iwmo-messages/").status_code == 401


def test_a_case_worker_reads_the_messages_of_the_case(w, client_for):
    mine = message(w, 2)
    worker = client_for(w.coordinator)
    before = AccessLogEntry.objects.count()
    rows = worker.get(f"/api/iwmo-messages/?case={w.case.pk}").json()["results"]
    assert mine.pk in [r["id"] for r in rows] and all(r["case"] == w.case.pk for r in rows)
    assert "xml" not in rows[0]
    assert AccessLogEntry.objects.count() > before
    assert client_for(w.outsider).get(f"/api/iwmo-messages/?case={w.case.pk}").status_code == 404
    assert worker.get("/api/iwmo-messages/?case=x").json()["code"] == "invalid"


def test_a_request_is_read_and_refused_through_the_case(w, client_for):
    found = provider_request(w)
    worker = client_for(w.coordinator)
    url = f"/api/provider-requests/{found.pk}/?case={w.case.pk}"
    rows = worker.get(f"/api/provider-requests/?case={w.case.pk}").json()["results"]
    assert [r["id"] for r in rows] == [found.pk]
    assert worker.get("/api/provider-requests/?case=x").json()["code"] == "invalid"
    assert client_for(w.outsider).get(url).status_code == 404
    refuse_url = f"/api/provider-requests/{found.pk}/refuse/?case={w.case.pk}"
    empty = worker.post(refuse_url, {"reason": ""}, content_type="application/json")
    assert empty.status_code == 400 and {"reason", "reason_code"} <= set(empty.json()["errors"])
    done = worker.post(
        refuse_url, {"reason": "Past niet", "reason_code": "4"}, content_type="application/json"
    )
    assert done.status_code == 200 and done.json()["status"] == RequestStatus.AFGEWEZEN
    assert done.json()["refusal_code"] == "4"
    again = worker.post(
        refuse_url, {"reason": "Nog eens", "reason_code": "4"}, content_type="application/json"
    )
    assert again.status_code == 400 and again.json()["code"] == "invalid"
    assert Message.objects.filter(message_type="319", in_reply_to=found.message).count() == 1
    unknown = worker.post(
        f"/api/provider-requests/{found.pk}/allocate/?case={w.case.pk}",
        {"allocation": 0},
        content_type="application/json",
    )
    assert unknown.status_code == 400


def test_the_catalogue_is_read_by_the_team_and_kept_by_the_beheerder(w, client_for):
    beheerder = client_for(UserFactory(beheerder=True))
    body = {"provider": w.provider.pk, "product_category": "02", "description": "Begeleiding"}
    created = beheerder.post("/api/contracted-products/", body, content_type="application/json")
    assert created.status_code == 201 and created.json()["agb_code"] == w.provider.agb_code
    twice = beheerder.post("/api/contracted-products/", body, content_type="application/json")
    assert twice.status_code == 400 and "product_code" in twice.json()["errors"]
    bad = beheerder.post(
        "/api/contracted-products/",
        {**body, "product_category": "99"},
        content_type="application/json",
    )
    assert bad.status_code == 400
    worker = client_for(w.coordinator)
    assert [r["id"] for r in worker.get("/api/contracted-products/").json()["results"]] == [
        created.json()["id"]
    ]
    elsewhere = OrganisationFactory()
    ContractedProduct.objects.create(
        provider=elsewhere, product_category="01", description="X", created_by=w.leader
    )
    assert len(worker.get("/api/contracted-products/").json()["results"]) <= 2
    denied = worker.post("/api/contracted-products/", body, content_type="application/json")
    assert denied.status_code == 403
    pk = created.json()["id"]
    assert worker.delete(f"/api/contracted-products/{pk}/").status_code == 403
    assert beheerder.delete(f"/api/contracted-products/{pk}/").status_code == 204
    assert beheerder.delete(f"/api/contracted-products/{pk}/").status_code == 404


def test_the_schema_documents_the_errors(client_for):
    schema = client_for(UserFactory(beheerder=True)).get("/api/schema/?format=json").json()
    refuse = schema["paths"]["/api/provider-requests/{id}/refuse/"]["post"]
    assert {"200", "400", "403", "404"} <= set(refuse["responses"])
    assert "404" in schema["paths"]["/api/iwmo-messages/{id}/"]["get"]["responses"]
    assert "403" in schema["paths"]["/api/contracted-products/"]["post"]["responses"]
