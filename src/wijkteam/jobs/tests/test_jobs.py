"""Scheduling, running and recording periodic jobs; failures reach the beheerder."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.core import jobs
from wijkteam.jobs import services
from wijkteam.jobs.constants import RunStatus, Trigger
from wijkteam.jobs.models import JobRun
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.models import Notification
from wijkteam.organisation.models import Municipality
from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db
AMS = zoneinfo.ZoneInfo("Europe/Amsterdam")


@pytest.fixture
def test_jobs():
    """Replace the registry with jobs of this test module, restore it afterwards."""
    saved = dict(jobs._jobs)
    jobs._jobs.clear()
    calls: list[str] = []

    def ok() -> str:
        calls.append("ok")
        return "3 dingen gedaan"

    def broken() -> str:
        raise jobs.JobError("Keten gebroken bij regel 12")

    def leaky() -> str:
        raise RuntimeError("kon Jan Jansen (BSN 111222333) niet verwerken")

    def half() -> str:
        Municipality.objects.create(name="Half geschreven", cbs_code="GM9999")
        raise jobs.JobError("halverwege mislukt")

    jobs.register(jobs.Job(name="goed", title="Goede taak", run=ok, hour=2))
    jobs.register(jobs.Job(name="kapot", title="Kapotte taak", run=broken, hour=3))
    jobs.register(jobs.Job(name="lek", title="Lekkende taak", run=leaky, hour=3))
    jobs.register(jobs.Job(name="half", title="Halve taak", run=half, hour=23, minute=30))
    yield calls
    jobs._jobs.clear()
    jobs._jobs.update(saved)


def _at(hour: int, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(2026, 12, 7, hour, minute, tzinfo=AMS)


def test_a_job_is_scheduled_once_a_day_after_its_time(
    test_jobs, django_capture_on_commit_callbacks
):
    assert services.jobs_schedule_due(now=_at(1, 59)) == []
    with django_capture_on_commit_callbacks(execute=True):
        queued = services.jobs_schedule_due(now=_at(2, 0))
    assert [r.job for r in queued] == ["goed"]
    assert test_jobs == ["ok"]  # the immediate backend ran it on commit
    run = JobRun.objects.get(job="goed")
    assert (run.status, run.summary, run.trigger) == (
        RunStatus.SUCCEEDED,
        "3 dingen gedaan",
        "planning",
    )
    assert run.day == datetime.date(2026, 12, 7)
    # Later the same day, or from a second scheduler: not again.
    assert [r.job for r in services.jobs_schedule_due(now=_at(5))] == ["kapot", "lek"]
    assert services.jobs_schedule_due(now=_at(9)) == []
    # The next day it runs again.
    assert "goed" in [
        r.job for r in services.jobs_schedule_due(now=_at(2) + datetime.timedelta(days=1))
    ]


def test_a_failure_is_recorded_with_its_message_and_notifies_the_beheerders(test_jobs):
    beheerder = UserFactory(beheerder=True)
    professional = UserFactory()
    run = services.job_run_queue(job_name="kapot", trigger=Trigger.SCHEDULE)
    run = services.job_run_execute(run_id=run.pk)
    assert run.status == RunStatus.FAILED
    assert run.error == "Keten gebroken bij regel 12"
    assert run.finished_at is not None
    [note] = Notification.objects.filter(kind=NotificationKind.JOB_FAILED)
    assert note.user == beheerder
    assert note.url == reverse("jobs:overview")
    assert not Notification.objects.filter(user=professional).exists()


def test_an_unexpected_error_is_recorded_without_its_message(test_jobs):
    run = services.job_run_queue(job_name="lek", trigger=Trigger.MANUAL)
    run = services.job_run_execute(run_id=run.pk)
    assert run.status == RunStatus.FAILED
    assert "RuntimeError" in run.error and "test_jobs.py" in run.error
    assert "Jansen" not in run.error and "111222333" not in run.error


def test_a_failing_atomic_job_leaves_nothing_written(test_jobs):
    run = services.job_run_queue(job_name="half", trigger=Trigger.MANUAL)
    services.job_run_execute(run_id=run.pk)
    assert not Municipality.objects.filter(name="Half geschreven").exists()
    assert JobRun.objects.get(pk=run.pk).status == RunStatus.FAILED


def test_a_run_delivered_twice_runs_once(test_jobs):
    run = services.job_run_queue(job_name="goed", trigger=Trigger.MANUAL)
    services.job_run_execute(run_id=run.pk)
    services.job_run_execute(run_id=run.pk)
    assert test_jobs == ["ok"]


def test_a_run_that_never_finishes_becomes_a_failure(test_jobs):
    UserFactory(beheerder=True)
    run = services.job_run_queue(job_name="goed", trigger=Trigger.SCHEDULE)
    JobRun.objects.filter(pk=run.pk).update(queued_at=timezone.now() - datetime.timedelta(hours=7))
    fresh = services.job_run_queue(job_name="kapot", trigger=Trigger.SCHEDULE)
    assert services.job_runs_fail_stale() == 1
    run.refresh_from_db()
    assert run.status == RunStatus.FAILED and "taken-worker" in run.error
    assert JobRun.objects.get(pk=fresh.pk).status == RunStatus.QUEUED
    assert Notification.objects.filter(kind=NotificationKind.JOB_FAILED).count() == 1


def test_a_manual_run_is_refused_while_one_is_open(test_jobs):
    services.job_run_queue(job_name="goed", trigger=Trigger.MANUAL)
    with pytest.raises(services.JobAlreadyRunning):
        services.job_run_queue(job_name="goed", trigger=Trigger.MANUAL)
    with pytest.raises(ValueError):
        services.job_run_queue(job_name="bestaat-niet", trigger=Trigger.MANUAL)


def test_the_beheerder_sees_the_runs_and_starts_one(
    test_jobs, client_for, django_assert_max_num_queries
):
    beheerder = UserFactory(beheerder=True)
    client = client_for(beheerder)
    for name in ("goed", "kapot"):
        services.job_run_execute(
            run_id=services.job_run_queue(job_name=name, trigger=Trigger.SCHEDULE).pk
        )
    with django_assert_max_num_queries(12):
        page = client.get(reverse("jobs:overview"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Keten gebroken bij regel 12" in html and "3 dingen gedaan" in html
    failed = client.get(reverse("jobs:overview") + "?mislukt=1").content.decode()
    assert (
        "Keten gebroken" in failed
        and "3 dingen gedaan" not in failed.split("Mislukte uitvoeringen")[1]
    )

    response = client.post(reverse("jobs:run_now", args=["goed"]))
    assert response.status_code == 302
    again = client.post(reverse("jobs:run_now", args=["goed"]), follow=True)
    assert "staat al in de wachtrij" in again.content.decode()
    assert JobRun.objects.filter(job="goed", trigger=Trigger.MANUAL).count() == 1
    assert client.post(reverse("jobs:run_now", args=["onbekend"])).status_code == 404


def test_only_the_beheerder_sees_or_starts_jobs(test_jobs, client_for):
    for user in (UserFactory(), UserFactory(beleid=True), UserFactory(wmoraad=True)):
        client = client_for(user)
        assert client.get(reverse("jobs:overview")).status_code == 403
        assert client.post(reverse("jobs:run_now", args=["goed"])).status_code == 403
    assert not JobRun.objects.exists()


def test_every_app_registers_its_nightly_jobs():
    names = {j.name for j in jobs.registered()}
    assert {
        "toegangslog-controle",
        "bewaartermijn-proefdraai",
        "bewaartermijn-uitvoeren",
        "termijnherinneringen",
        "dagelijks-overzicht",
    } <= names


def test_a_job_every_quarter_runs_once_per_slot(test_jobs, django_capture_on_commit_callbacks):
    jobs.register(
        jobs.Job(name="kwartier", title="Kwartiertaak", run=lambda: "kwart", every_minutes=15)
    )
    with django_capture_on_commit_callbacks(execute=True):
        first = services.jobs_schedule_due(now=_at(1, 2))
    assert [r.job for r in first] == ["kwartier"]
    assert first[0].slot == _at(1, 0)
    # The same slot, from this or another scheduler: not again; the next slot: again.
    assert services.jobs_schedule_due(now=_at(1, 14)) == []
    assert [r.job for r in services.jobs_schedule_due(now=_at(1, 15))] == ["kwartier"]
    # Daily jobs are not disturbed: "goed" still runs once at 02:00, beside the quarter's run.
    assert sorted(r.job for r in services.jobs_schedule_due(now=_at(2, 0))) == [
        "goed",
        "kwartier",
    ]
    assert services.jobs_schedule_due(now=_at(2, 5)) == []
    assert JobRun.objects.filter(job="kwartier", trigger=Trigger.SCHEDULE).count() == 3


def test_successful_quarter_runs_stay_out_of_the_run_list(test_jobs, client_for):
    jobs.register(
        jobs.Job(name="kwartier", title="Kwartiertaak", run=lambda: "kwart klaar", every_minutes=15)
    )
    for minute in (0, 15, 30):
        run = services.job_run_queue(
            job_name="kwartier", trigger=Trigger.SCHEDULE, day=_at(1).date(), slot=_at(1, minute)
        )
        services.job_run_execute(run_id=run.pk)
    html = client_for(UserFactory(beheerder=True)).get(reverse("jobs:overview")).content.decode()
    table, listing = html.split("Alle uitvoeringen")
    assert "elke 15 minuten" in table and "kwart klaar" in table  # the latest, in the table
    assert "Kwartiertaak" not in listing


def test_a_job_interval_must_divide_a_day():
    with pytest.raises(ValueError):
        jobs.Job(name="raar", title="Raar", run=lambda: "", every_minutes=7)
    assert jobs.Job(name="ok", title="Ok", run=lambda: "", every_minutes=15).interval


def test_the_access_log_checkpoint_runs_every_quarter():
    job = jobs.get("toegangslog-checkpoint")
    assert job is not None and job.every_minutes == 15
