"""Background tasks of the exchange (django-tasks API)."""

from django_tasks import task

from . import conf
from .constants import MessageStatus
from .services.common import enqueue_send
from .services.outgoing import backoff_seconds, message_send


@task()
def send_message(message_id: int) -> str:
    """Send one message; a failure is retried later with a growing pause (up to the limit).

    Without a backend that can defer (the immediate engine in tests), the retry is left to the
    periodic sweep (``iwmo_exchange`` / the ``iwmo-exchange`` job).
    """
    status = message_send(message_id=message_id)
    if status == MessageStatus.WACHT and send_message.get_backend().supports_defer:
        from .models import Message

        attempts = Message.objects.filter(pk=message_id).values_list("attempts", flat=True).first()
        if attempts is not None and attempts < conf.send_attempts():
            enqueue_send(message_id, delay_seconds=backoff_seconds(attempts))
    return status


@task()
def poll_inbox() -> str:
    from .services.incoming import inbox_process

    return inbox_process().summary()
