"""The stand-ins of :mod:`wijkteam.core.compiled` (issue 17): the values its builders are
called with, twice, to find where each id, moment and text goes in a statement, and how a
parameter of the compiled statement is recognised as one of them (see that module)."""

import datetime
from collections.abc import Sequence
from typing import Any

_DATE, _TIME = "date", "datetime"  # the kinds of moment
STAND_INS = (9_000_000_000_001, 9_100_000_000_001)  # two sets: base + i
# Two sets of stand-in moments (base + i days): odd times with microseconds, so that no
# truncation or conversion of the ORM can map them onto what the adapter makes of them.
_DATE_STAND_INS = (datetime.date(1901, 2, 3), datetime.date(1902, 3, 5))
_TIME_STAND_INS = (
    datetime.datetime(1901, 2, 3, 4, 5, 6, 123457, tzinfo=datetime.UTC),
    datetime.datetime(1902, 3, 5, 7, 9, 11, 654321, tzinfo=datetime.UTC),
)
# Two sets of stand-in texts (+ index): characters a lookup escapes (LIKE: backslash, ``%``,
# ``_``) or a builder's own handling would change (spaces at both ends, mixed case, a marker no
# input holds), so that a text the builder strips, upper-cases or splits is caught.
TEXT_MARK = "\u2042wt\u2042"
_TEXT_STAND_INS = (f" {TEXT_MARK}Ab\\%_", f" {TEXT_MARK}Cd_%\\")


def kind_of(moment: object) -> str | None:
    """``date``, ``datetime`` (aware only) or None (not a moment this module puts in)."""
    if isinstance(moment, datetime.datetime):
        return _TIME if moment.tzinfo is not None else None
    return _DATE if isinstance(moment, datetime.date) else None


def _stand_in(kind: str, which: int, index: int) -> datetime.date:
    base = _DATE_STAND_INS[which] if kind == _DATE else _TIME_STAND_INS[which]
    return base + datetime.timedelta(days=index)


def adapt(connection: Any, kind: str, moment: Any) -> Any:
    """What a lookup on a date (datetime) field sends for ``moment``."""
    if kind == _DATE:
        return connection.ops.adapt_datefield_value(moment)
    return connection.ops.adapt_datetimefield_value(moment)


def moment_at(a: Any, b: Any, kinds: Sequence[str], connection: Any) -> int | None:
    """The index of the moment whose two stand-ins the adapter turns into ``a`` and ``b``."""
    for index, kind in enumerate(kinds):
        first = adapt(connection, kind, _stand_in(kind, 0, index))
        second = adapt(connection, kind, _stand_in(kind, 1, index))
        if type(a) is type(first) and type(b) is type(second) and a == first and b == second:
            return index
    return None


def _text_stand_in(which: int, index: int) -> str:
    return f"{_TEXT_STAND_INS[which]}{index} "


def text_at(a: Any, b: Any, n_texts: int, ops: Any) -> tuple[int, str | None, str] | None:
    """(index, LIKE prefix or None, suffix) of the text whose stand-ins gave ``a`` and ``b``:
    exactly the stand-in (None), or the stand-in escaped for LIKE between the same ``%``s."""
    if type(a) is not str or type(b) is not str or TEXT_MARK not in a:
        return None
    for index in range(n_texts):
        first, second = _text_stand_in(0, index), _text_stand_in(1, index)
        if a == first and b == second:
            return index, None, ""
        first, second = ops.prep_for_like_query(first), ops.prep_for_like_query(second)
        for prefix in ("", "%"):
            for suffix in ("", "%"):
                if a == f"{prefix}{first}{suffix}" and b == f"{prefix}{second}{suffix}":
                    return index, prefix, suffix
    return None


def stand_in_args(
    which: int, lengths: tuple[int, ...], count: int, kinds: tuple[str, ...], n_texts: int
) -> list[Any]:
    """The builder's arguments: ids, moments, texts, then each list (its ids follow the ids)."""
    base = STAND_INS[which]
    lists: list[list[int]] = []
    at = count
    for length in lengths:
        lists.append([base + at + i for i in range(length)])
        at += length
    return [
        *(base + i for i in range(count)),
        *(_stand_in(kind, which, i) for i, kind in enumerate(kinds)),
        *(_text_stand_in(which, i) for i in range(n_texts)),
        *lists,
    ]
