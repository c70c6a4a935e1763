"""What the team does to an allocation after it was sent reaches the provider: ending the
intervention sends a 301 with the same ToewijzingNummer, the Einddatum and RedenWijziging 05; a
rolled-back write sends nothing; a listener that fails does not undo the casework. Volume
changes: ``test_volume_changes.py``."""

import datetime
from pathlib import Path

import pytest
from django.db import transaction
from django.utils import timezone

from wijkteam.cases import allocation_events
from wijkteam.cases.allocation_events import AllocationEvent
from wijkteam.cases.services import intervention as interventions
from wijkteam.iwmo.constants import ChangeReason, MessageStatus, RetourCode
from wijkteam.iwmo.models import Message
from wijkteam.iwmo.xml import checks, read
from wijkteam.iwmo.xml.types import Message as Data

pytestmark = pytest.mark.django_db


def outbox(folder: Path) -> list[Data]:
    return [read.read(p.read_bytes()) for p in sorted((folder / "uit").glob("*.xml"))]


def test_ending_an_allocated_intervention_sends_a_301_with_its_end_date(
    w, folder, django_capture_on_commit_callbacks
):
    ends_on = timezone.localdate()
    with django_capture_on_commit_callbacks(execute=True):
        interventions.intervention_end(
            actor=w.coordinator, intervention=w.intervention, ends_on=ends_on
        )
    sent = outbox(folder)
    assert len(sent) == 2
    (first,) = [m for m in sent if not m.lines[0].change_reason]
    (change,) = [m for m in sent if m.lines[0].change_reason]
    assert first.lines[0].ends_on != ends_on
    (line,) = change.lines
    assert change.header.number == "301"
    assert line.allocation_number == w.allocation.allocation_number
    assert line.ends_on == ends_on
    assert line.change_reason == ChangeReason.VERKORTING
    assert checks.problems(change) == []
    messages = Message.objects.filter(message_type="301", allocation=w.allocation)
    assert messages.count() == 2
    assert set(messages.values_list("status", flat=True)) == {MessageStatus.VERZONDEN}


def test_a_rolled_back_end_sends_nothing(w, folder, django_capture_on_commit_callbacks):
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        interventions.intervention_end(
            actor=w.coordinator, intervention=w.intervention, ends_on=timezone.localdate()
        )
        raise RuntimeError("rolled back")
    assert Message.objects.filter(message_type="301").count() == 1


def test_a_failing_listener_neither_stops_the_others_nor_the_write(
    w, folder, django_capture_on_commit_callbacks
):
    heard: list[tuple[AllocationEvent, int]] = []

    def broken(event: AllocationEvent, allocation_id: int, reason: str = "") -> None:
        raise ValueError("listener is broken")

    def listening(event: AllocationEvent, allocation_id: int, reason: str = "") -> None:
        heard.append((event, allocation_id))

    allocation_events.register(broken)
    allocation_events.register(listening)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            interventions.intervention_end(
                actor=w.coordinator, intervention=w.intervention, ends_on=timezone.localdate()
            )
    finally:
        allocation_events.unregister(broken)
        allocation_events.unregister(listening)
    assert heard == [(AllocationEvent.ENDED, w.allocation.pk)]
    w.intervention.refresh_from_db()
    assert w.intervention.status == "beeindigd"
    assert Message.objects.filter(message_type="301").count() == 2


@pytest.mark.parametrize(
    ("reason", "ends_on", "code"),
    [
        ("99", datetime.date(2026, 12, 31), RetourCode.CODELIJST),
        ("02", None, RetourCode.VERPLICHT),
    ],
)
def test_a_change_reason_is_checked(w, folder, reason, ends_on, code):
    (sent,) = outbox(folder)
    sent.lines[0].change_reason = reason
    sent.lines[0].ends_on = ends_on
    assert code in {found for found, _text in checks.problems(sent)}
