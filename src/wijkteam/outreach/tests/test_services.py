import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import Channel, LawTrack
from wijkteam.cases.models import Report
from wijkteam.outreach import services
from wijkteam.outreach.constants import CloseReason, SignalSource, SignalStatus
from wijkteam.outreach.models import Signal
from wijkteam.testing.factories import ResidentFactory

from .conftest import make_signal

FRIDAY = datetime.date(2026, 12, 4)


def create(world, **kwargs):
    values = {
        "actor": world.member,
        "team": world.team,
        "kind": world.kind,
        "source": SignalSource.WONINGCORPORATIE,
        "received_on": FRIDAY,
        "address": "Dorpsstraat 1",
        "neighbourhood": world.hood,
    }
    values.update(kwargs)
    return services.signal_create(**values)


def test_a_signal_gets_its_follow_up_term_in_working_days(world):
    signal = create(world)
    # Five working days after a Friday: the next Friday (the weekend does not count).
    assert signal.due_on == datetime.date(2026, 12, 11)
    assert signal.status == SignalStatus.OPEN
    world.kind.follow_up_days = 3
    world.kind.save()
    # Over Christmas: 24 Dec 2025 (Wed) + 3 working days skips 25, 26 Dec and the weekend.
    later = create(world, received_on=datetime.date(2025, 12, 24))
    assert later.due_on == datetime.date(2025, 12, 31)
    assert AuditEvent.objects.filter(object_type="outreach.Signal").count() == 2


def test_a_description_alone_is_enough_but_not_nothing(world):
    assert create(world, address="", description="Man slaapt in het park").pk
    with pytest.raises(ValidationError) as exc:
        create(world, address="  ", description="")
    assert "adres of een omschrijving" in str(exc.value.message_dict["address"])
    assert Signal.objects.count() == 1


def test_the_area_must_be_the_teams_and_the_user_a_member(world):
    with pytest.raises(ValidationError) as exc:
        create(world, neighbourhood=world.other_hood)
    assert "werkgebied" in str(exc.value.message_dict["neighbourhood"])
    with pytest.raises(PermissionDenied):
        create(world, team=world.other_team, neighbourhood=world.other_hood)
    with pytest.raises(ValidationError):
        create(world, received_on=datetime.date.today() + datetime.timedelta(days=2))
    assert not Signal.objects.exists()


def test_a_double_submit_stores_one_signal(world):
    token = uuid.uuid4()
    first = create(world, submit_token=token)
    second = create(world, submit_token=token)
    assert first.pk == second.pk
    assert Signal.objects.count() == 1


def test_close_needs_a_reason_note_where_asked_and_only_once(world):
    signal = make_signal(world)
    with pytest.raises(ValidationError):
        services.signal_close(actor=world.member, signal=signal, reason=CloseReason.ANDERS)
    closed = services.signal_close(
        actor=world.member, signal=signal, reason=CloseReason.GEEN_ZORG, note=""
    )
    assert closed.status == SignalStatus.GESLOTEN
    assert closed.closed_on is not None
    with pytest.raises(ValidationError, match="al afgehandeld"):
        services.signal_close(actor=world.member, signal=signal, reason=CloseReason.GEEN_ZORG)


def test_another_team_cannot_close_the_signal(world):
    signal = make_signal(world)
    with pytest.raises(PermissionDenied):
        services.signal_close(actor=world.outsider, signal=signal, reason=CloseReason.GEEN_ZORG)
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN


def test_convert_makes_a_melding_and_keeps_the_link(world):
    signal = make_signal(world, source=SignalSource.HUISARTS, source_name="Huisartsenpraktijk")
    resident = ResidentFactory(household__municipality=world.team.municipality)
    report = services.signal_convert(
        actor=world.member,
        signal=signal,
        resident=resident,
        question="Huurachterstand, wil hulp bij geldzaken",
        law_track=LawTrack.GEEN,
        informed_about_client_support=False,
    )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OMGEZET
    assert signal.report == report
    assert report.channel == Channel.OUTREACH
    assert report.referrer_kind == "huisarts"
    assert report.team == world.team
    with pytest.raises(ValidationError):
        services.signal_convert(
            actor=world.member,
            signal=signal,
            resident=resident,
            question="nog eens",
            law_track=LawTrack.GEEN,
            informed_about_client_support=False,
        )
    assert Report.objects.count() == 1


def test_a_refused_melding_leaves_the_signal_open(world):
    signal = make_signal(world)
    resident = ResidentFactory(household__municipality=world.team.municipality)
    with pytest.raises(ValidationError):
        # A Wmo melding needs the resident pointed at client support.
        services.signal_convert(
            actor=world.member,
            signal=signal,
            resident=resident,
            question="Hulp nodig",
            law_track=LawTrack.WMO,
            informed_about_client_support=False,
        )
    signal.refresh_from_db()
    assert signal.status == SignalStatus.OPEN and signal.report is None
    assert not Report.objects.exists()


def test_only_the_beheerder_configures_terms(world, beheerder):
    with pytest.raises(PermissionDenied):
        services.signal_kind_update(
            actor=world.member, kind=world.kind, name="x", follow_up_days=2, active=True
        )
    with pytest.raises(ValidationError):
        services.signal_kind_update(
            actor=beheerder, kind=world.kind, name="Huur", follow_up_days=0, active=True
        )
    services.signal_kind_update(
        actor=beheerder, kind=world.kind, name="Huur", follow_up_days=2, active=True
    )
    world.kind.refresh_from_db()
    assert world.kind.follow_up_days == 2
    with pytest.raises(ValidationError):
        services.signal_retention_set(
            actor=beheerder, municipality=world.team.municipality, months=30
        )
    rule = services.signal_retention_set(
        actor=beheerder, municipality=world.team.municipality, months=3
    )
    assert rule.months == 3


def test_demo_signals_go_through_the_service(world):
    from wijkteam.outreach.demo import add_demo_signals
    from wijkteam.outreach.registrations import due_signals

    assert add_demo_signals(user=world.member) == 5
    assert Signal.objects.filter(status=SignalStatus.OPEN).count() == 3
    assert Signal.objects.filter(status=SignalStatus.GESLOTEN).count() == 2
    # The old one is past the six-month term: the nightly retention run finds it.
    assert list(due_signals(timezone.localdate())) == [Signal.objects.get(address="Stationsweg 40")]
