"""A provider's 317 (verzoek om wijziging) in the release 3.2 layout: Client/Verzoek with its
ReferentieAanbieder and RedenVerzoek (WJ758), read, kept and shown to the team."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from wijkteam.iwmo.constants import RequestReason, RetourCode
from wijkteam.iwmo.models import Message, ProviderRequest
from wijkteam.iwmo.services import inbox_process
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.types import ClientData, Header, ProductLine
from wijkteam.iwmo.xml.types import Message as Data

pytestmark = pytest.mark.django_db
BSN = "111222333"


def request_317(w, *, reason: str = "2", message_id: str = "V1", lines: int = 1) -> Data:
    starts = w.allocation.intervention.starts_on + datetime.timedelta(days=7)
    return Data(
        Header("iwmo", "317", "480", "12345678", "0001", message_id, datetime.date.today()),
        ClientData(bsn=BSN),
        [
            ProductLine(
                allocation_number=w.allocation.allocation_number,
                reference="VOW1",
                starts_on=starts,
                volume=Decimal(6) + n,
                unit="04",
                frequency="2",
            )
            for n in range(lines)
        ],
        request_reason=reason,
    )


def receive(folder, capture, data: Data) -> Message:
    inbox = folder / "in"
    inbox.mkdir(exist_ok=True)
    (inbox / f"317_{data.header.message_id}.xml").write_bytes(build(data))
    with capture(execute=True):
        inbox_process()
    return Message.objects.get(direction="in", message_id=data.header.message_id)


def test_the_reden_verzoek_is_kept_and_shown(
    w, folder, django_capture_on_commit_callbacks, client_for
):
    message = receive(folder, django_capture_on_commit_callbacks, request_317(w))
    assert message.retour_codes == [RetourCode.GOEDGEKEURD]
    request = ProviderRequest.objects.get()
    assert request.kind == "317" and request.allocation == w.allocation
    assert request.request_reason == RequestReason.ZORGPLAN
    # a 317 names no product: the category is the allocation's
    assert request.product_category == w.allocation.product_category
    page = client_for(w.coordinator).get(reverse("iwmo:request", args=[w.case.pk, request.pk]))
    assert page.status_code == 200
    assert "Wijziging zorgplan" in page.content.decode()
    api = client_for(w.coordinator).get(f"/api/provider-requests/{request.pk}/?case={w.case.pk}")
    assert api.json()["request_reason"] == "2"


def test_a_317_without_a_known_reden_verzoek_is_refused(
    w, folder, django_capture_on_commit_callbacks
):
    message = receive(folder, django_capture_on_commit_callbacks, request_317(w, reason="9"))
    assert message.retour_codes == [RetourCode.CODELIJST]
    assert not ProviderRequest.objects.exists()


def test_a_granted_317_after_a_volume_change_sends_the_products_after_the_change(
    w, folder, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from wijkteam.cases.models import Intervention
    from wijkteam.iwmo.services import request_allocate
    from wijkteam.iwmo.xml import read

    from .test_volume_changes import scale

    start = timezone.localdate() - datetime.timedelta(days=10)
    Intervention.objects.filter(pk=w.intervention.pk).update(starts_on=start)
    w.intervention.refresh_from_db()
    receive(folder, django_capture_on_commit_callbacks, request_317(w))
    scale(w, django_capture_on_commit_callbacks, 2)
    request = ProviderRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        request_allocate(actor=w.coordinator, request=request, allocation=w.allocation)
    answer = Message.objects.filter(message_type="301", in_reply_to=request.message).get()
    data = read.read(answer.raw_xml.encode())
    number = w.allocation.allocation_number
    assert [(line.allocation_number, line.volume, line.change_reason) for line in data.lines] == [
        (number, Decimal(4), "12"),  # ended, while the provider's 317 was open
        (f"{number}-2", Decimal(2), ""),
    ]
    assert {line.reference for line in data.lines} == {"VOW1"}
    assert answer.status != "mislukt", answer.problems
