"""Retention in two steps: the nightly dry run waits for the beheerder; only then destruction."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case
from wijkteam.jobs.constants import RunStatus
from wijkteam.jobs.models import JobRun
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.models import Notification
from wijkteam.rights.models import DestructionRecord, RetentionReview, ReviewStatus
from wijkteam.rights.services import retention_review as svc
from wijkteam.testing.factories import CaseFactory, UserFactory

pytestmark = pytest.mark.django_db


def closed_case(year: int) -> Case:
    return CaseFactory(afgesloten=True, closed_on=datetime.date(year, 1, 1))


def test_the_dry_run_destroys_nothing_and_asks_the_beheerders():
    beheerder = UserFactory(beheerder=True)
    old = closed_case(2005)
    closed_case(2020)  # not yet due
    summary = svc.retention_review_prepare()
    assert "1 dossier(s)" in summary
    assert Case.objects.filter(pk=old.pk).exists()
    review = RetentionReview.objects.get()
    assert review.status == ReviewStatus.OPEN
    assert [d["key"].split("|")[1] for d in review.dossiers] == [str(old.pk)]
    [note] = Notification.objects.filter(kind=NotificationKind.RETENTION_REPORT)
    assert note.user == beheerder and note.url == reverse("privacy:retention")
    # The next night, nothing changed: no new review, no new notification.
    assert "Ongewijzigd" in svc.retention_review_prepare()
    assert RetentionReview.objects.count() == 1
    assert Notification.objects.filter(kind=NotificationKind.RETENTION_REPORT).count() == 1
    # Something new is due: the open review is replaced.
    closed_case(2004)
    svc.retention_review_prepare()
    assert RetentionReview.objects.filter(status=ReviewStatus.SUPERSEDED).count() == 1
    assert len(RetentionReview.objects.get(status=ReviewStatus.OPEN).dossiers) == 2


def test_after_confirmation_exactly_the_confirmed_dossiers_go(django_capture_on_commit_callbacks):
    beheerder = UserFactory(beheerder=True)
    old, reopened = closed_case(2005), closed_case(2006)
    svc.retention_review_prepare()
    review = RetentionReview.objects.get()
    later = closed_case(2003)  # due as well, but not in the confirmed dry run
    Case.objects.filter(pk=reopened.pk).update(state=CaseState.ONDERZOEK, closed_on=None)
    with django_capture_on_commit_callbacks(execute=True):
        svc.retention_review_confirm(actor=beheerder, review_id=review.pk)
    assert not Case.objects.filter(pk=old.pk).exists()
    assert Case.objects.filter(pk=reopened.pk).exists()
    assert Case.objects.filter(pk=later.pk).exists()
    review.refresh_from_db()
    assert review.status == ReviewStatus.EXECUTED
    assert review.result["vernietigd"] == 1 and review.result["niet meer aan de beurt"] == 1
    assert DestructionRecord.objects.count() == 1
    run = JobRun.objects.get(job=svc.EXECUTE_JOB)
    assert run.status == RunStatus.SUCCEEDED and run.requested_by == beheerder


def test_only_the_beheerder_confirms_and_only_once():
    beheerder = UserFactory(beheerder=True)
    closed_case(2005)
    svc.retention_review_prepare()
    review = RetentionReview.objects.get()
    with pytest.raises(PermissionDenied):
        svc.retention_review_confirm(actor=UserFactory(), review_id=review.pk)
    svc.retention_review_confirm(actor=beheerder, review_id=review.pk)
    with pytest.raises(ValidationError):
        svc.retention_review_confirm(actor=beheerder, review_id=review.pk)
    assert JobRun.objects.filter(job=svc.EXECUTE_JOB).count() == 1


def test_the_retention_page_shows_the_dry_run_and_takes_the_confirmation(client_for):
    beheerder = UserFactory(beheerder=True)
    case = closed_case(2005)
    svc.retention_review_prepare()
    client = client_for(beheerder)
    html = client.get(reverse("privacy:retention")).content.decode()
    assert "wacht op akkoord" in html and f"casus {case.pk}, afgesloten op 01-01-2005" in html
    review = RetentionReview.objects.get()
    url = reverse("privacy:retention_review_confirm", args=[review.pk])
    assert client_for(UserFactory()).post(url).status_code == 403
    client.post(url)
    second = client.post(url, follow=True).content.decode()
    assert "wacht niet (meer) op akkoord" in second
    review.refresh_from_db()
    assert review.status != ReviewStatus.OPEN
