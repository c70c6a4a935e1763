"""The e-mail goes through the real task queue (database backend, or Redis with WIJKTEAM_TASKS=rq)."""

import pytest
from django.core import mail

from wijkteam.notifications import services
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.models import Notification
from wijkteam.testing.factories import UserFactory
from wijkteam.testing.tasks import clear_queue, run_queue

# serialized_rollback: the flush afterwards keeps the content types (the browser tests reload them)
pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True), pytest.mark.tasks]


@pytest.fixture
def queue(settings):
    settings.TASKS = {"default": settings.QUEUE_TASKS}
    clear_queue()
    yield
    clear_queue()


def test_an_urgent_notification_is_mailed_by_the_worker_not_the_request(queue):
    user = UserFactory(email="hanna@example.nl")
    [n] = services.notification_send(
        users=[user], kind=NotificationKind.EMERGENCY_REVIEW, url="/privacy/doorbraken/"
    )
    assert mail.outbox == []  # enqueued when the transaction committed, not sent
    run_queue()
    assert len(mail.outbox) == 1
    n.refresh_from_db()
    assert n.emailed_at is not None
    run_queue()  # nothing left
    assert len(mail.outbox) == 1


def test_a_failing_send_leaves_the_notification_unsent(queue, monkeypatch):
    user = UserFactory(email="ilse@example.nl")

    def broken(self, fail_silently=False):
        raise ConnectionRefusedError("smtp down")

    monkeypatch.setattr("django.core.mail.EmailMessage.send", broken)
    [n] = services.notification_send(
        users=[user], kind=NotificationKind.SECOND_APPROVAL, url="/casussen/"
    )
    run_queue()
    n.refresh_from_db()
    assert n.emailed_at is None  # the claim rolled back with the failed send
    assert Notification.objects.count() == 1
