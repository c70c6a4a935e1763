"""Keyset (seek) pagination on ``(timestamp, id)``: a page is found from a position, never by
OFFSET, so page 1000 costs what page 1 costs (an index range scan of one page).

The position travels in the query string as an opaque, signed token (``?na=`` for the next
page, ``?voor=`` for the previous one). A token that was changed, truncated or made for
another list raises :class:`BadCursor`; views answer that with a Dutch message, never a 500.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet

NEXT = "na"
PREVIOUS = "voor"


class BadCursor(ValueError):
    """The page link's position token is not one this list issued."""


@dataclass(frozen=True)
class Cursor:
    at: datetime.datetime
    pk: int
    number: int  # the page number the token leads to (for "Pagina n van m")


def encode(cursor: Cursor, *, salt: str) -> str:
    return signing.dumps([cursor.at.isoformat(), cursor.pk, cursor.number], salt=salt)


def decode(token: str, *, salt: str) -> Cursor:
    try:
        at, pk, number = signing.loads(token, salt=salt)
        moment = datetime.datetime.fromisoformat(at)
    except (signing.BadSignature, ValueError, TypeError) as exc:
        raise BadCursor(token) from exc
    if (
        not isinstance(pk, int)
        or not isinstance(number, int)
        or number < 1
        or moment.tzinfo is None
    ):
        raise BadCursor(token)
    return Cursor(at=moment, pk=pk, number=number)


@dataclass
class KeysetPage:
    """One page: ``object_list`` plus the tokens of its neighbours (``None`` at either end)."""

    object_list: list[Any]
    number: int
    next_token: str | None = None
    previous_token: str | None = None
    count: int | None = None
    size: int = 50
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_token is not None

    @property
    def has_previous(self) -> bool:
        return self.previous_token is not None

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def num_pages(self) -> int | None:
        if self.count is None:
            return None
        return max(1, -(-self.count // self.size))


def cursor_from_query(query: Any, *, salt: str) -> tuple[str, Cursor] | None:
    """``(direction, cursor)`` from a request's GET (``na`` wins over ``voor``), or ``None``."""
    for direction in (NEXT, PREVIOUS):
        token = query.get(direction)
        if token:
            return direction, decode(str(token), salt=salt)
    return None


def keyset_page(
    qs: QuerySet[Any],
    *,
    size: int,
    salt: str,
    position: tuple[str, Cursor] | None = None,
    newest_first: bool = False,
    time_field: str = "at",
    count: bool = False,
) -> KeysetPage:
    """The page of ``qs`` ordered by ``(time_field, id)`` after or before ``position``.

    Runs one query (``size + 1`` rows, to know whether there is more), and one COUNT when
    ``count`` is asked. Items must have ``pk`` and ``time_field`` attributes.
    """
    direction, cursor = position if position is not None else (NEXT, None)
    total = qs.count() if count else None
    forward = direction == NEXT
    # ascending in list order when (forward and oldest first) or (backward and newest first)
    ascending = forward != newest_first
    if cursor is not None:
        cmp = "gt" if ascending else "lt"
        # a range on the time column (index condition), the tie on id as a filter
        qs = qs.filter(**{f"{time_field}__{cmp}e": cursor.at}).filter(
            Q(**{f"{time_field}__{cmp}": cursor.at}) | Q(**{f"id__{cmp}": cursor.pk})
        )
    order = (time_field, "id") if ascending else (f"-{time_field}", "-id")
    rows = list(qs.order_by(*order)[: size + 1])
    more = len(rows) > size
    rows = rows[:size]
    if not forward:
        rows.reverse()
    number = 1 if cursor is None else cursor.number
    has_next = more if forward else cursor is not None
    has_previous = (cursor is not None) if forward else more
    page = KeysetPage(object_list=rows, number=number, size=size, count=total)
    if rows and has_next:
        last = rows[-1]
        page.next_token = encode(
            Cursor(at=getattr(last, time_field), pk=last.pk, number=number + 1), salt=salt
        )
    if rows and has_previous:
        first = rows[0]
        page.previous_token = encode(
            Cursor(at=getattr(first, time_field), pk=first.pk, number=max(1, number - 1)),
            salt=salt,
        )
    return page


# The API carries a position as one ``cursor`` parameter: the direction, a dot, the token
# (``na.<token>`` or ``voor.<token>``; a signed token may itself contain dots after the first).


def api_cursor(direction: str, token: str | None) -> str | None:
    """The ``cursor`` value of a neighbouring page, or ``None`` when there is none."""
    return None if token is None else f"{direction}.{token}"


def position_from_api_cursor(raw: str, *, salt: str) -> tuple[str, Cursor] | None:
    """``(direction, cursor)`` from an API ``cursor`` value; empty is page 1.

    Raises :class:`BadCursor` for anything this list did not issue.
    """
    if not raw:
        return None
    direction, _, token = raw.partition(".")
    if direction not in (NEXT, PREVIOUS) or not token:
        raise BadCursor(raw)
    return direction, decode(token, salt=salt)
