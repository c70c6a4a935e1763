"""The periodic exchange job: send what waits (the retry sweep), then read the inbox."""

from django.utils.translation import gettext

from .services.incoming import inbox_process
from .services.outgoing import pending_send


def exchange_run() -> str:
    sent, waiting = pending_send()
    inbox = inbox_process()
    return gettext("%(sent)s verzonden, %(waiting)s nog niet verzonden; inbox: %(inbox)s") % {
        "sent": sent,
        "waiting": waiting,
        "inbox": inbox.summary(),
    }
