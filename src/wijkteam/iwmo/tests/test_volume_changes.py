"""A volume change of a maatwerk allocation (OP033x1): the current toegewezen product is ended
(RedenWijziging 05, or 13 when it had not started) and a new one with a new ToewijzingNummer is
assigned, both in one 301 written atomically; "totaal binnen geldigheidsduur" keeps its number.
The provider's 307 of the replaced number and 305 of the new one are accepted."""

import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.constants import InterventionStatus
from wijkteam.cases.models import Allocation, Intervention
from wijkteam.cases.services import intervention as interventions
from wijkteam.iwmo.constants import ChangeReason, MessageStatus, RetourCode
from wijkteam.iwmo.models import AllocationLine, DeliveryEvent, Message, ProviderRequest
from wijkteam.iwmo.selectors import provider_performance
from wijkteam.iwmo.services import changes, inbox_process
from wijkteam.iwmo.services import common as common_services
from wijkteam.iwmo.xml import checks, read
from wijkteam.iwmo.xml.build import build
from wijkteam.iwmo.xml.types import ClientData, Header, ProductLine
from wijkteam.iwmo.xml.types import Message as Data

pytestmark = pytest.mark.django_db
BSN = "111222333"
DAY = datetime.timedelta(days=1)


def outbox(folder: Path) -> list[Data]:
    return [read.read(p.read_bytes()) for p in sorted((folder / "uit").glob("*.xml"))]


def started_days_ago(w, days: int) -> datetime.date:
    start = timezone.localdate() - days * DAY
    Intervention.objects.filter(pk=w.intervention.pk).update(starts_on=start)
    w.intervention.refresh_from_db()
    return start


def scale(w, capture, volume: int, change: str = "afschalen") -> None:
    with capture(execute=True):
        interventions.intervention_scale(
            actor=w.coordinator,
            intervention=w.intervention,
            change=change,
            reason="Gaat beter",
            new_volume=Decimal(volume),
        )


def change_301s(folder: Path) -> list[Data]:
    """The 301s after the first, in the order they were made (all of them were sent)."""
    sent = Message.objects.filter(message_type="301").order_by("pk")
    assert all(m.status == MessageStatus.VERZONDEN for m in sent)
    assert len(outbox(folder)) >= sent.count()
    return [read.read(m.raw_xml.encode()) for m in sent][1:]


def test_a_running_allocation_is_ended_and_a_new_one_assigned_in_one_301(
    w, folder, django_capture_on_commit_callbacks
):
    start = started_days_ago(w, 10)
    today = timezone.localdate()
    scale(w, django_capture_on_commit_callbacks, 2)
    (change,) = change_301s(folder)
    old, new = change.lines
    number = w.allocation.allocation_number
    assert (old.allocation_number, old.starts_on, old.ends_on) == (number, start, today - DAY)
    assert (old.change_reason, old.volume) == (ChangeReason.VERKORTING, Decimal(4))
    assert (new.allocation_number, new.starts_on, new.volume) == (f"{number}-2", today, 2)
    assert new.change_reason == "" and new.ends_on == w.intervention.ends_on
    assert old.allocated_on == new.allocated_on == today  # the moment of the change counts
    assert checks.problems(change) == []
    assert list(
        AllocationLine.objects.filter(allocation=w.allocation).values_list(
            "sequence", "number", "volume"
        )
    ) == [(1, number, Decimal(4)), (2, f"{number}-2", Decimal(2))]
    message = Message.objects.filter(message_type="301").latest("pk")
    assert message.status == MessageStatus.VERZONDEN and message.allocation == w.allocation


def test_a_change_before_the_product_started_removes_it(
    w, folder, django_capture_on_commit_callbacks
):
    scale(w, django_capture_on_commit_callbacks, 3)
    (change,) = change_301s(folder)
    old, new = change.lines
    start = w.intervention.starts_on
    assert (old.ends_on, old.change_reason) == (start, ChangeReason.VERWIJDERD)
    assert (new.starts_on, new.volume) == (start, Decimal(3))
    assert checks.problems(change) == []


def test_a_second_change_ends_the_replacement(w, folder, django_capture_on_commit_callbacks):
    started_days_ago(w, 10)
    scale(w, django_capture_on_commit_callbacks, 2)
    scale(w, django_capture_on_commit_callbacks, 3, change="opschalen")
    _first, second = change_301s(folder)
    number = w.allocation.allocation_number
    assert [line.allocation_number for line in second.lines] == [f"{number}-2", f"{number}-3"]
    # The replacement started today, so the change of today removes it.
    assert second.lines[0].change_reason == ChangeReason.VERWIJDERD
    assert second.lines[1].volume == Decimal(3)


def test_a_total_volume_keeps_its_number(w, folder, django_capture_on_commit_callbacks):
    Allocation.objects.filter(pk=w.allocation.pk).update(frequency="6")
    scale(w, django_capture_on_commit_callbacks, 2)
    (change,) = change_301s(folder)
    (line,) = change.lines
    assert line.allocation_number == w.allocation.allocation_number
    assert (line.volume, line.frequency, line.change_reason) == (Decimal(2), "6", "")


def test_the_listener_twice_sends_one_pair(w, folder, django_capture_on_commit_callbacks):
    scale(w, django_capture_on_commit_callbacks, 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert changes.allocation_change_301(allocation_id=w.allocation.pk) is None
    assert len(change_301s(folder)) == 1
    assert AllocationLine.objects.count() == 2


def test_a_failing_301_writes_no_line_and_keeps_the_casework(
    w, folder, django_capture_on_commit_callbacks, monkeypatch
):
    def broken(*args, **kwargs):
        raise RuntimeError("builder down")

    monkeypatch.setattr(common_services, "build", broken)
    scale(w, django_capture_on_commit_callbacks, 2)
    assert AllocationLine.objects.count() == 0  # rolled back with the message
    assert Message.objects.filter(message_type="301").count() == 1
    w.allocation.refresh_from_db()
    assert w.allocation.volume == Decimal(2)  # the team's change stands


def test_ending_after_a_change_ends_the_current_product(
    w, folder, django_capture_on_commit_callbacks
):
    started_days_ago(w, 10)
    scale(w, django_capture_on_commit_callbacks, 2)
    today = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        interventions.intervention_end(
            actor=w.coordinator, intervention=w.intervention, ends_on=today
        )
    end = change_301s(folder)[-1]
    (line,) = end.lines
    assert line.allocation_number == f"{w.allocation.allocation_number}-2"
    assert (line.ends_on, line.change_reason) == (today, ChangeReason.VERKORTING)
    assert checks.problems(end) == []


def delivery(number: str, message_id: str, allocation_number: str, **line) -> Data:
    code = {"305": "418", "307": "420"}[number]
    return Data(
        Header("iwmo", number, code, "12345678", "0001", message_id, timezone.localdate()),
        ClientData(bsn=BSN, birth_date=datetime.date(1980, 1, 1), gender="0", last_name="Jansen"),
        [ProductLine(allocation_number=allocation_number, category="02", **line)],
    )


def receive(folder: Path, capture, data: Data) -> Message:
    inbox = folder / "in"
    inbox.mkdir(exist_ok=True)
    (inbox / f"{data.header.message_id}.xml").write_bytes(build(data))
    with capture(execute=True):
        inbox_process()
    return Message.objects.get(direction="in", message_id=data.header.message_id)


def test_the_provider_stops_the_old_number_and_starts_the_new(
    w, folder, django_capture_on_commit_callbacks
):
    capture = django_capture_on_commit_callbacks
    start = started_days_ago(w, 10)
    today = timezone.localdate()
    number = w.allocation.allocation_number
    assert receive(folder, capture, delivery("305", "S1", number, starts_on=start)).status == (
        MessageStatus.VERWERKT
    )
    scale(w, capture, 2)
    stop = delivery("307", "S2", number, starts_on=start, ends_on=today - DAY, stop_reason="02")
    assert receive(folder, capture, stop).status == MessageStatus.VERWERKT
    w.intervention.refresh_from_db()
    assert w.intervention.status != InterventionStatus.BEEINDIGD  # the replacement runs on
    early = delivery("305", "S3", f"{number}-2", starts_on=today - DAY)
    refused = receive(folder, capture, early)
    assert refused.retour_codes == [RetourCode.DATUM_BUITEN_TOEWIJZING]
    assert receive(
        folder, capture, delivery("305", "S4", f"{number}-2", starts_on=today)
    ).status == (MessageStatus.VERWERKT)
    assert sorted(DeliveryEvent.objects.values_list("allocation_number", "kind")) == [
        (number, "start"),
        (number, "stop"),
        (f"{number}-2", "start"),
    ]
    (row,) = provider_performance()
    assert row.started == 1  # one allocation, started once


def test_the_case_page_lists_the_products_after_a_change(
    w, folder, client_for, django_capture_on_commit_callbacks
):
    started_days_ago(w, 10)
    scale(w, django_capture_on_commit_callbacks, 2)
    page = client_for(w.coordinator).get(reverse("iwmo:case", args=[w.case.pk]))
    assert page.status_code == 200
    content = page.content.decode()
    assert f"{w.allocation.allocation_number}-2" in content
    assert "Herbeoordeling: verkorting toewijzing" in content


def test_a_change_asked_for_in_a_317_carries_reason_12(
    w, folder, django_capture_on_commit_callbacks
):
    started_days_ago(w, 10)
    asked = Message.objects.create(
        standard="iwmo", message_type="317", direction="in", status="verwerkt",
        message_id="W317", sender="12345678", receiver="0001", raw_xml="<x/>",
    )  # fmt: skip
    today = timezone.localdate()
    ProviderRequest.objects.create(
        message=asked, kind="317", case=w.case, resident=w.resident, provider=w.provider,
        allocation=w.allocation, reference="R317", product_category="02", volume=Decimal(2),
        unit="04", frequency="2", starts_on=today, received_on=today, due_on=today,
    )  # fmt: skip
    scale(w, django_capture_on_commit_callbacks, 2)
    (change,) = change_301s(folder)
    assert change.lines[0].change_reason == ChangeReason.DOOR_AANBIEDER
    assert checks.problems(change) == []


def test_a_removed_product_takes_no_start(w, folder, django_capture_on_commit_callbacks):
    capture = django_capture_on_commit_callbacks
    scale(w, capture, 3)  # the change on the start day removes the first product (13)
    start = w.intervention.starts_on
    removed = delivery("305", "R1", w.allocation.allocation_number, starts_on=start)
    assert receive(folder, capture, removed).retour_codes == [RetourCode.TOEWIJZING_ONBEKEND]
    new = delivery("305", "R2", f"{w.allocation.allocation_number}-2", starts_on=start)
    assert receive(folder, capture, new).status == MessageStatus.VERWERKT


def test_the_products_are_destroyed_with_the_case(w, folder, django_capture_on_commit_callbacks):
    from wijkteam.cases.models import Case
    from wijkteam.rights import retention
    from wijkteam.testing.factories import UserFactory

    scale(w, django_capture_on_commit_callbacks, 3)
    assert AllocationLine.objects.filter(allocation=w.allocation).count() == 2
    Case.objects.filter(pk=w.case.pk).update(
        state="afgesloten", closed_on=datetime.date(2000, 1, 1)
    )
    (dossier,) = [d for d in retention.find_due_dossiers() if d.case_id == w.case.pk]
    retention.destroy_dossier(dossier, actor=UserFactory())
    assert not AllocationLine.objects.filter(allocation_id=w.allocation.pk).exists()
    assert not Allocation.objects.filter(pk=w.allocation.pk).exists()


def test_the_demo_shows_a_volume_change(w, folder, django_capture_on_commit_callbacks):
    from wijkteam.iwmo import demo

    Intervention.objects.filter(pk=w.intervention.pk).update(status=InterventionStatus.LOOPT)
    with django_capture_on_commit_callbacks(execute=True):
        demo._demo_volume_change(municipality_id=w.team.municipality_id)
    (change,) = change_301s(folder)
    assert [line.volume for line in change.lines] == [Decimal(4), Decimal(3)]
