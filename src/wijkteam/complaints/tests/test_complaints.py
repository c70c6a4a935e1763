"""Klachten: filing, the Awb 9:11 terms, the lifecycle and the refusals (nothing stored)."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.tests.test_decision_fixtures import World
from wijkteam.complaints import services
from wijkteam.complaints.constants import ComplaintOutcome, ComplaintStatus, FilingChannel
from wijkteam.complaints.models import Complaint
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import MunicipalityFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

SEPT_1 = datetime.date(2026, 9, 1)  # a Tuesday; no holidays in the six or ten weeks after it


def file(w: World, **overrides: object) -> Complaint:
    data: dict[str, object] = {
        "actor": w.coordinator,
        "team": w.team,
        "subject": "team",
        "summary": "Ik werd drie weken niet teruggebeld.",
        "received_on": SEPT_1,
        "case": w.case,
        "resident": w.resident,
    }
    data.update(overrides)
    return services.complaint_file(**data)  # type: ignore[arg-type]


def test_term_is_six_weeks_or_ten_with_a_committee(world: World) -> None:
    assert file(world).due_on == datetime.date(2026, 10, 13)
    assert file(world, committee=True).due_on == datetime.date(2026, 11, 10)


def test_term_moves_past_a_holiday(world: World) -> None:
    # Six weeks after 14 November 2026 is Saturday 26 December (Tweede Kerstdag): Monday 28th.
    assert file(world, received_on=datetime.date(2026, 11, 14)).due_on == datetime.date(
        2026, 12, 28
    )


def test_filing_is_audited_and_logged_without_the_text(world: World) -> None:
    complaint = file(world)
    event = AuditEvent.objects.get(object_type="complaints.Complaint", object_id=str(complaint.pk))
    assert "teruggebeld" not in event.object_repr + str(event.changes)
    assert AccessLogEntry.objects.filter(object_id=str(complaint.pk)).count() == 1


def test_double_submit_returns_the_first(world: World) -> None:
    token = uuid.uuid4()
    first = file(world, submission_token=token)
    assert file(world, submission_token=token) == first
    assert Complaint.objects.count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"subject": "aanbieder"}, "provider"),
        ({"summary": "  "}, "summary"),
        ({"received_on": datetime.date(2099, 1, 1)}, "received_on"),
        ({"subject": "iets"}, "subject"),
    ],
)
def test_bad_input_stores_nothing(world: World, overrides: dict, field: str) -> None:
    with pytest.raises(ValidationError) as exc:
        file(world, **overrides)
    assert field in exc.value.message_dict
    assert not Complaint.objects.exists()


def test_a_provider_of_another_municipality_is_refused(world: World) -> None:
    with pytest.raises(ValidationError, match="geen aanbieder"):
        file(
            world,
            subject="aanbieder",
            provider=OrganisationFactory(
                aanbieder=True, municipality=MunicipalityFactory(cbs_code="GM0002", name="Elders")
            ),
        )
    complaint = file(world, subject="aanbieder", provider=world.provider)
    assert complaint.provider == world.provider


def test_only_members_register_and_the_portal_needs_a_resident(world: World) -> None:
    with pytest.raises(PermissionDenied):
        file(world, actor=world.outsider)
    with pytest.raises(PermissionDenied):  # a professional never files "as the portal"
        file(world, channel=FilingChannel.PORTAL)
    resident_account = UserFactory()
    resident_account.system_role = "inwoner"  # any non-professional account (the portal's)
    with pytest.raises(ValidationError, match="inwoner"):
        file(world, actor=resident_account, channel=FilingChannel.PORTAL, resident=None)
    assert file(world, actor=resident_account, channel=FilingChannel.PORTAL).channel == "portaal"


def test_whole_lifecycle(world: World) -> None:
    complaint = file(world)
    leader = world.leader
    complaint = services.complaint_acknowledge(
        actor=leader, complaint=complaint, acknowledged_on=SEPT_1 + datetime.timedelta(days=2)
    )
    assert complaint.status == ComplaintStatus.ACKNOWLEDGED
    complaint = services.complaint_extend(
        actor=leader,
        complaint=complaint,
        weeks=4,
        reason="De klachtadviescommissie vergadert later.",
        notified_on=datetime.date(2026, 10, 1),
    )
    assert complaint.due_on == datetime.date(2026, 11, 10)
    with pytest.raises(ValidationError, match="al eenmaal"):
        services.complaint_extend(
            actor=leader,
            complaint=complaint,
            weeks=1,
            reason="Nog eens",
            notified_on=datetime.date(2026, 10, 2),
        )
    with pytest.raises(ValidationError, match="Hoor eerst"):
        services.complaint_close(
            actor=leader,
            complaint=complaint,
            outcome=ComplaintOutcome.GEGROND,
            conclusion="Terecht.",
            closed_on=datetime.date(2026, 10, 20),
        )
    complaint = services.complaint_hear(
        actor=leader, complaint=complaint, heard_on=datetime.date(2026, 10, 8)
    )
    complaint = services.complaint_close(
        actor=leader,
        complaint=complaint,
        outcome=ComplaintOutcome.DEELS_GEGROND,
        conclusion="De terugbelafspraak is niet nagekomen; excuses aangeboden.",
        closed_on=datetime.date(2026, 10, 20),
    )
    assert complaint.status == ComplaintStatus.CLOSED
    assert complaint.closed_on is not None and complaint.closed_on <= complaint.due_on
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.complaint_hear(actor=leader, complaint=complaint, waived_reason="x")


def test_extension_beyond_four_weeks_is_refused(world: World) -> None:
    complaint = file(world)
    with pytest.raises(ValidationError) as exc:
        services.complaint_extend(
            actor=world.leader,
            complaint=complaint,
            weeks=5,
            reason="Drukte",
            notified_on=datetime.date(2026, 10, 1),
        )
    assert "4 weken" in str(exc.value)
    complaint.refresh_from_db()
    assert complaint.extension_weeks is None and complaint.due_on == datetime.date(2026, 10, 13)


def test_only_an_uninvolved_teamleider_handles(world: World) -> None:
    complaint = file(world)
    for actor in (world.coordinator, world.beslisser, world.outsider):
        with pytest.raises(PermissionDenied):
            services.complaint_acknowledge(actor=actor, complaint=complaint, acknowledged_on=SEPT_1)
    # The teamleider who is the case's regisseur is the subject of the complaint: refused.
    world.case.coordinator = world.leader
    world.case.save()
    with pytest.raises(PermissionDenied):
        services.complaint_acknowledge(
            actor=world.leader, complaint=complaint, acknowledged_on=SEPT_1
        )
    services.complaint_acknowledge(actor=world.leader2, complaint=complaint, acknowledged_on=SEPT_1)


def test_a_stale_version_is_refused(world: World) -> None:
    from wijkteam.core.exceptions import ConcurrentEditError

    complaint = file(world)
    services.complaint_acknowledge(actor=world.leader, complaint=complaint, acknowledged_on=SEPT_1)
    with pytest.raises(ConcurrentEditError):
        services.complaint_hear(
            actor=world.leader, complaint=complaint, waived_reason="Afgezien", version=1
        )
