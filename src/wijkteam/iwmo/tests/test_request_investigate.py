"""319 "aanvraag in onderzoek" (VerzoekAntwoord 2, WJ760): the provider hears that its 315/317
is being investigated; the request stays open with its answer term."""

import pytest
from django.urls import reverse

from wijkteam.audit.models import AuditEvent
from wijkteam.iwmo.constants import MessageStatus, RequestStatus
from wijkteam.iwmo.models import Message
from wijkteam.iwmo.services import request_investigate, request_refuse
from wijkteam.iwmo.xml import read

from .test_api import provider_request

pytestmark = pytest.mark.django_db


def sent_319s(found) -> list[Message]:
    return list(
        Message.objects.filter(message_type="319", in_reply_to=found.message).order_by("pk")
    )


def test_the_319_says_in_onderzoek_and_the_request_stays_open(
    w, django_capture_on_commit_callbacks
):
    found = provider_request(w)
    due = found.due_on
    with django_capture_on_commit_callbacks(execute=True):
        answered = request_investigate(actor=w.coordinator, request=found)
    assert answered.status == RequestStatus.OPEN and answered.due_on == due
    assert answered.investigation_sent_at is not None
    (message,) = sent_319s(found)
    assert message.status != MessageStatus.MISLUKT, message.problems
    data = read.read(message.raw_xml.encode())
    assert data.answer is not None
    assert (data.answer.answer, data.answer.reference, data.answer.refusal_reason) == (
        "2",
        "REF1",
        "",
    )
    assert AuditEvent.objects.filter(changes__antwoord="2").exists()
    # once per request; the request can still be answered afterwards
    with pytest.raises(Exception, match="al dat de aanvraag in onderzoek"):
        request_investigate(actor=w.coordinator, request=found)
    request_refuse(actor=w.coordinator, request=found, reason="Past niet", reason_code="4")
    assert [m.raw_xml.count("<wmo319:VerzoekAntwoord>1<") for m in sent_319s(found)] == [0, 1]


def test_only_a_case_worker_may_say_so(w):
    found = provider_request(w)
    with pytest.raises(Exception, match="beantwoordt dit verzoek"):
        request_investigate(actor=w.outsider, request=found)
    assert not sent_319s(found)


def test_the_button_on_the_request_page(w, client_for):
    found = provider_request(w)
    url = reverse("iwmo:request", args=[w.case.pk, found.pk])
    page = client_for(w.coordinator).get(url)
    assert "Aanvraag in onderzoek melden" in page.content.decode()
    done = client_for(w.coordinator).post(url, {"actie": "onderzoek"}, follow=True)
    html = done.content.decode()
    assert done.status_code == 200 and "de aanvraag is in onderzoek" in html
    assert "Aanvraag in onderzoek melden" not in html and "in onderzoek is" in html
    found.refresh_from_db()
    assert found.status == RequestStatus.OPEN and len(sent_319s(found)) == 1


def test_the_api_action(w, client_for):
    found = provider_request(w)
    url = f"/api/provider-requests/{found.pk}/investigate/?case={w.case.pk}"
    done = client_for(w.coordinator).post(url)
    assert done.status_code == 200 and done.json()["status"] == RequestStatus.OPEN
    assert done.json()["investigation_sent_at"]
    again = client_for(w.coordinator).post(url)
    assert again.status_code == 400 and again.json()["code"] == "invalid"
    assert client_for(w.outsider).post(url).status_code == 404
    assert len(sent_319s(found)) == 1
