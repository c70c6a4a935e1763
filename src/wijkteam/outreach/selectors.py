"""Reads of signals, always scoped to the user's teams, every opening in the access log."""

from django.core.paginator import Page, Paginator
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.privacy.reads import log_read, refuse

from . import policies
from .constants import SignalStatus
from .models import Signal

PAGE_SIZE = 50


def signal_list(*, user: User, status: str = SignalStatus.OPEN, page: int = 1) -> Page:
    """The signals of the user's teams with ``status`` (all when empty), the first term first."""
    qs = policies.signal_scope(user).select_related("kind", "team", "neighbourhood")
    if status:
        qs = qs.filter(status=status)
    result = Paginator(qs.order_by("due_on", "pk"), PAGE_SIZE).get_page(page)
    log_read(user=user, residents=[], purpose=_("signalen bekeken"))
    return result


def signal_get(*, user: User, pk: int) -> Signal:
    signal = (
        policies.signal_scope(user)
        .select_related("kind", "team", "neighbourhood", "report", "created_by")
        .filter(pk=pk)
        .first()
    )
    if signal is None:
        raise refuse(user=user, object_type="signaal", object_id=pk)
    residents = [signal.report.resident_id] if signal.report is not None else []
    log_read(user=user, residents=residents, obj=signal, purpose=_("signaal geopend"))
    return signal
