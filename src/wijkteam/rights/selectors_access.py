"""Reads of the resident's access overview (NEN 7513: who looked at the file, when and why).

Split from :mod:`wijkteam.rights.selectors`, which re-exports every name here. The screens
page by keyset on ``(at, id)`` (:mod:`wijkteam.core.keyset`); the API too (a cursor).
"""

import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.core import keyset
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogResident
from wijkteam.privacy.reads import log_read
from wijkteam.residents.models import Resident

PAGE_SIZE = 50


# --------------------------------------------------------------------------------------------
# The resident's access overview (NEN 7513: who looked at the file, when and why)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class AccessRow:
    at: datetime.datetime
    who: str
    organisation: str
    role: str
    action: str
    action_label: str
    why: str

    @property
    def is_emergency(self) -> bool:
        return self.action == AccessAction.EMERGENCY


def _period_filter(
    qs: QuerySet[AccessLogResident],
    date_from: datetime.date | None,
    date_to: datetime.date | None,
) -> QuerySet[AccessLogResident]:
    tz = timezone.get_current_timezone()
    if date_from is not None:
        qs = qs.filter(at__gte=datetime.datetime.combine(date_from, datetime.time.min, tz))
    if date_to is not None:
        end = date_to + datetime.timedelta(days=1)
        qs = qs.filter(at__lt=datetime.datetime.combine(end, datetime.time.min, tz))
    return qs


def _access_rows_qs(
    resident_id: int, date_from: datetime.date | None, date_to: datetime.date | None
) -> QuerySet[AccessLogResident]:
    return (
        _period_filter(
            AccessLogResident.objects.filter(resident_id=resident_id), date_from, date_to
        )
        .select_related("entry__user")
        .order_by("at", "id")
    )


def access_rows_qs(resident_id: int) -> QuerySet[AccessLogResident]:
    """Every row of a resident's access overview, unordered (for keyset pages elsewhere)."""
    return AccessLogResident.objects.filter(resident_id=resident_id).select_related("entry__user")


def access_row(item: AccessLogResident) -> AccessRow:
    return _row(item)


def _row(item: AccessLogResident) -> AccessRow:
    entry = item.entry
    labels = dict(AccessAction.choices)
    who = entry.user.display_name if entry.user is not None else entry.user_name
    return AccessRow(
        at=timezone.localtime(entry.at),
        who=who,
        organisation=entry.organisation_name,
        role=entry.user_role,
        action=entry.action,
        action_label=str(labels.get(entry.action, entry.action)),
        why=entry.purpose,
    )


def access_overview_salt(resident_id: int) -> str:
    """The signing salt of the overview's page links (a link is valid for one resident only)."""
    return f"privacy.access_overview.{resident_id}"


def access_overview(
    *,
    user: User,
    resident: Resident,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    position: tuple[str, keyset.Cursor] | None = None,
) -> keyset.KeysetPage:
    """One page of the chronological overview (oldest first), in a fixed number of queries
    (a COUNT, the page by keyset on ``(at, id)`` — no OFFSET — and the log write).

    Page items are :class:`AccessRow`. The read of the overview is itself logged.
    """
    result = keyset.keyset_page(
        _access_rows_qs(resident.pk, date_from, date_to),
        size=PAGE_SIZE,
        salt=access_overview_salt(resident.pk),
        position=position,
        count=True,
    )
    result.object_list = [_row(item) for item in result.object_list]
    log_read(
        user=user, residents=[resident.pk], obj=resident, purpose=_("toegangsoverzicht bekeken")
    )
    return result


def access_overview_export(
    *,
    user: User,
    resident: Resident,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    fmt: str,
) -> list[AccessRow]:
    """Every row of the period, for the resident's export (logged as EXPORT)."""
    rows = [_row(item) for item in _access_rows_qs(resident.pk, date_from, date_to).iterator(2000)]
    log_access(
        user=user,
        action=AccessAction.EXPORT,
        residents=[resident.pk],
        obj=resident,
        purpose=_("toegangsoverzicht geëxporteerd (%s)") % fmt,
    )
    return rows


def iter_access_rows(resident_id: int) -> Iterator[AccessRow]:
    """All rows for a resident (used by the inzage export, which logs the export itself)."""
    for item in _access_rows_qs(resident_id, None, None).iterator(2000):
        yield _row(item)
