"""The daily e-mail overview as a periodic job (``core.jobs``)."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.core import jobs

from . import mail


def _digest() -> str:
    return _("%(n)s overzichtsmail(s) verstuurd.") % {"n": mail.send_daily_digests()}


def register() -> None:
    jobs.register(
        jobs.Job(
            name="dagelijks-overzicht",
            title=gettext_lazy("Dagelijkse e-mail met notificaties"),
            run=_digest,
            hour=7,
            atomic=False,
        )
    )
