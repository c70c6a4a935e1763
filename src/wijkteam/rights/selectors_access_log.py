"""The log-wide access-log overview: the NEN 7513 control of the functioneel beheerder.

Every entry of the access log, newest first, filtered by period, account, organisation,
action, doorbraak only, resident id and words of the purpose; keyset pages on ``(at, id)``
(:mod:`wijkteam.core.keyset`), never OFFSET and never a COUNT of the log. A page shows who, in
which role and organisation, did what (object type and id), why and when, and for how many
residents: never a resident's name. With a resident id the pages read that resident's rows
(``AccessLogResident``, index ``(resident_id, at, id)``); otherwise the entries, with the
indexes ``(at, id)``, ``(user_id, at, id)`` and ``(action, at, id)`` (privacy migration 0011).

Reading the overview and exporting it are themselves logged: the entry names the filters in
its purpose, and the resident when one was filtered on. The page shows no resident identity,
so the residents of the entries shown are not repeated in the reader's entry.
"""

import datetime
import hashlib
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.core import keyset
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, AccessLogResident

PAGE_SIZE = 50
MAX_EXPORT_DAYS = 92  # the CSV holds at most a quarter: a longer period is several downloads


@dataclass(frozen=True)
class LogFilters:
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    user_id: int | None = None
    organisation: str = ""
    action: str = ""
    emergency_only: bool = False
    resident_id: int | None = None
    purpose_words: tuple[str, ...] = ()

    def salt(self) -> str:
        """The signing salt of the page links: a link is valid for these filters only."""
        digest = hashlib.sha256(
            json.dumps(asdict(self), default=str, sort_keys=True).encode()
        ).hexdigest()
        return f"privacy.access_log.{digest[:24]}"

    def describe(self) -> str:
        """The filters in words, for the reader's own log entry (never a name of a resident)."""
        parts = [
            f"{label} {value}"
            for label, value in (
                (_("van"), self.date_from),
                (_("tot en met"), self.date_to),
                (_("gebruiker"), self.user_id),
                (_("organisatie"), self.organisation),
                (_("handeling"), self.action),
                (_("inwoner"), self.resident_id),
                (_("doel"), " ".join(self.purpose_words)),
            )
            if value not in (None, "")
        ]
        if self.emergency_only:
            parts.append(_("alleen doorbraken"))
        return ", ".join(parts) or _("geen filter")


@dataclass(frozen=True)
class LogRow:
    entry_id: int
    at: datetime.datetime
    who: str
    account: str
    role: str
    organisation: str
    action: str
    action_label: str
    object_type: str
    object_id: str
    why: str
    residents: int

    @property
    def is_emergency(self) -> bool:
        return self.action == AccessAction.EMERGENCY


def _organisation_filter(field: str, name: str) -> Q:
    """The entries of ``name``: alone, or among the organisations of a member of several
    (``actor_context`` joins them with ", ")."""
    return (
        Q(**{field: name})
        | Q(**{f"{field}__startswith": f"{name}, "})
        | Q(**{f"{field}__endswith": f", {name}"})
        | Q(**{f"{field}__contains": f", {name}, "})
    )


def filtered(filters: LogFilters) -> QuerySet[Any]:
    """The entries (or, with a resident, that resident's rows) matching ``filters``, unordered."""
    qs: QuerySet[Any]
    if filters.resident_id is not None:
        qs = AccessLogResident.objects.filter(resident_id=filters.resident_id).select_related(
            "entry__user"
        )
        prefix = "entry__"
    else:
        qs = AccessLogEntry.objects.select_related("user")
        prefix = ""
    tz = timezone.get_current_timezone()
    if filters.date_from is not None:
        qs = qs.filter(at__gte=datetime.datetime.combine(filters.date_from, datetime.time.min, tz))
    if filters.date_to is not None:
        end = filters.date_to + datetime.timedelta(days=1)
        qs = qs.filter(at__lt=datetime.datetime.combine(end, datetime.time.min, tz))
    if filters.user_id is not None:
        qs = qs.filter(**{f"{prefix}user_id": filters.user_id})
    action = filters.action
    if filters.emergency_only:
        if action and action != AccessAction.EMERGENCY:
            return qs.none()
        action = AccessAction.EMERGENCY
    if action:
        qs = qs.filter(**{f"{prefix}action": action})
    if filters.organisation:
        qs = qs.filter(_organisation_filter(f"{prefix}organisation_name", filters.organisation))
    for word in filters.purpose_words:
        qs = qs.filter(**{f"{prefix}purpose__icontains": word})
    return qs


def _row(item: AccessLogEntry | AccessLogResident) -> LogRow:
    entry = item.entry if isinstance(item, AccessLogResident) else item
    labels = dict(AccessAction.choices)
    return LogRow(
        entry_id=entry.pk,
        at=timezone.localtime(entry.at),
        who=entry.user.display_name if entry.user is not None else entry.user_name,
        account=entry.user_name,
        role=entry.user_role,
        organisation=entry.organisation_name,
        action=entry.action,
        action_label=str(labels.get(entry.action, entry.action)),
        object_type=entry.object_type,
        object_id=entry.object_id,
        why=entry.purpose,
        residents=len(entry.resident_ids or []),
    )


def _log(user: User, filters: LogFilters, action: AccessAction, purpose: str) -> None:
    log_access(
        user=user,
        action=action,
        residents=[filters.resident_id] if filters.resident_id is not None else [],
        purpose=f"{purpose}: {filters.describe()}",
    )


def access_log_page(
    *, user: User, filters: LogFilters, position: tuple[str, keyset.Cursor] | None = None
) -> keyset.KeysetPage:
    """One page of the log, newest first, in two queries (the page and the reader's entry).

    The caller checked ``policies.may_review_access_log``. Items are :class:`LogRow`.
    """
    page = keyset.keyset_page(
        filtered(filters),
        size=PAGE_SIZE,
        salt=filters.salt(),
        position=position,
        newest_first=True,
    )
    page.object_list = [_row(item) for item in page.object_list]
    _log(user, filters, AccessAction.READ, _("toegangslog gecontroleerd"))
    return page


def access_log_export(*, user: User, filters: LogFilters) -> Iterator[LogRow]:
    """Every entry of the filtered period, newest first, read in batches as the CSV streams.

    The export is logged (EXPORT) when asked, before the first row is read; the caller checked
    the policy and that the period is complete and at most ``MAX_EXPORT_DAYS`` long.
    """
    _log(user, filters, AccessAction.EXPORT, _("toegangslog geëxporteerd"))
    qs = filtered(filters).order_by("-at", "-id")

    def rows() -> Iterator[LogRow]:
        for item in qs.iterator(chunk_size=2000):
            yield _row(item)

    return rows()
