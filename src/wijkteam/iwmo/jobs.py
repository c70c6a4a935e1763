"""The periodic exchange job: send what waits (the retry sweep), then read the inbox."""

from .services.incoming import inbox_process
from .services.outgoing import pending_send


def exchange_run() -> str:
    sent, waiting = pending_send()
    inbox = inbox_process()
    return f"{sent} verzonden, {waiting} nog niet verzonden; inbox: {inbox.summary()}"
