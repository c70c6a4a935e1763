import datetime

from django.core.management import call_command

from wijkteam.outreach.constants import CloseReason, SignalStatus
from wijkteam.outreach.models import Signal, SignalRetention
from wijkteam.outreach.registrations import due_signals, months_before
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.rights import retention_standalone
from wijkteam.rights.models import DestructionRecord
from wijkteam.testing.factories import ReportFactory

from .conftest import make_signal

TODAY = datetime.date(2026, 12, 5)


def closed(world, on, **kwargs):
    return make_signal(
        world,
        status=SignalStatus.GESLOTEN,
        close_reason=CloseReason.GEEN_ZORG,
        closed_on=on,
        received_on=on - datetime.timedelta(days=10),
        **kwargs,
    )


def test_months_before_keeps_the_day_or_takes_the_months_last():
    assert months_before(datetime.date(2026, 12, 5), 6) == datetime.date(2026, 6, 5)
    assert months_before(datetime.date(2026, 8, 31), 6) == datetime.date(2026, 2, 28)
    assert months_before(datetime.date(2026, 3, 15), 15) == datetime.date(2024, 12, 15)


def test_signals_without_melding_go_after_six_months(world):
    old_closed = closed(world, datetime.date(2026, 6, 4))
    old_open = make_signal(world, received_on=datetime.date(2026, 5, 1))
    recent = closed(world, datetime.date(2026, 6, 6))
    report = ReportFactory(team=world.team)
    converted = make_signal(
        world, status=SignalStatus.OMGEZET, report=report, received_on=datetime.date(2025, 1, 1)
    )
    assert set(due_signals(TODAY)) == {old_closed, old_open}

    [outcome] = retention_standalone.destroy_standalone(today=TODAY)
    assert outcome.counts == {"outreach.Signal": 2}
    assert set(Signal.objects.all()) == {recent, converted}
    record = DestructionRecord.objects.get()
    assert record.kind == "signaal"
    assert record.counts == {"outreach.Signal": 2}
    assert record.rule_source.startswith("6 maanden")
    entry = AccessLogEntry.objects.filter(object_type="rights.DestructionRecord").get()
    assert entry.action == "delete"
    # Nothing due: nothing destroyed, no empty record.
    assert retention_standalone.destroy_standalone(today=TODAY) == []
    assert DestructionRecord.objects.count() == 1


def test_the_municipality_sets_its_own_term(world):
    SignalRetention.objects.create(municipality=world.team.municipality, months=2)
    two_months = closed(world, datetime.date(2026, 10, 1))
    assert list(due_signals(TODAY)) == [two_months]
    [outcome] = retention_standalone.destroy_standalone(today=TODAY)
    assert DestructionRecord.objects.get().rule_source.startswith("2 maanden")
    assert outcome.counts == {"outreach.Signal": 1}


def test_dry_run_destroys_nothing_and_the_command_reports(world, capsys):
    closed(world, datetime.date(2025, 1, 1))
    [outcome] = retention_standalone.destroy_standalone(today=TODAY, dry_run=True)
    assert outcome.counts == {"outreach.Signal": 1} and outcome.record is None
    assert Signal.objects.count() == 1 and not DestructionRecord.objects.exists()
    call_command("apply_retention", "--skip-access-log")
    out = capsys.readouterr().out
    assert "Signaal zonder melding: vernietigd – outreach.Signal 1" in out
    assert not Signal.objects.exists()


def test_a_converted_signal_goes_with_its_melding(world):
    report = ReportFactory(team=world.team)
    make_signal(world, status=SignalStatus.OMGEZET, report=report)
    report.delete()
    assert not Signal.objects.exists()


def test_the_nightly_dry_run_lists_signals_and_destroys_them_only_after_confirmation(
    world, django_capture_on_commit_callbacks
):
    from wijkteam.rights.models import RetentionReview
    from wijkteam.rights.services import retention_review
    from wijkteam.testing.factories import UserFactory

    beheerder = UserFactory(beheerder=True)
    old = closed(world, datetime.date(2026, 6, 4))
    retention_review.retention_review_prepare(today=TODAY)
    review = RetentionReview.objects.get()
    [entry] = review.dossiers
    assert entry["kind"] == "signaal" and "1 rij(en)" in entry["label"]
    assert Signal.objects.filter(pk=old.pk).exists()  # the dry run destroyed nothing
    with django_capture_on_commit_callbacks(execute=True):
        retention_review.retention_review_confirm(actor=beheerder, review_id=review.pk)
    assert not Signal.objects.filter(pk=old.pk).exists()
    review.refresh_from_db()
    assert review.result["vernietigd"] == 1
    assert DestructionRecord.objects.get().kind == "signaal"
