"""CSV exports that a spreadsheet program cannot turn into formulas (OWASP "CSV injection").

Every CSV download goes through this module. A text cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return would be read as a formula by Excel or LibreOffice
(``=HYPERLINK(...)``, ``@SUM(...)``, ``-2+3+cmd|...``); such a cell is prefixed with a single
quote, which the spreadsheet shows as text. Numbers (``int``, ``float``, ``Decimal``) are
values, not text typed in by someone, and are written as they are, so they stay numbers.

The files are written the way the Dutch Excel reads them: semicolons, UTF-8 with a byte order
mark.
"""

import csv
import datetime
import io
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal

from django.http import HttpResponse, StreamingHttpResponse

# The first characters that make a spreadsheet evaluate a cell (OWASP, CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DELIMITER = ";"
BOM = "\ufeff"
CONTENT_TYPE = "text/csv; charset=utf-8"

type Cell = str | int | float | Decimal | datetime.date | None


def safe_cell(value: Cell) -> str | int | float | Decimal:
    """The value as a CSV cell that cannot start a formula.

    ``None`` becomes an empty cell, a date its ISO form; text starting with a formula character
    gets a leading ``'``. Numbers stay numbers (a negative number is a number, not a formula).
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float | Decimal):
        return value
    text = value.isoformat() if isinstance(value, datetime.date) else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_text(
    rows: Iterable[Sequence[Cell]],
    *,
    header: Sequence[str] | None = None,
    delimiter: str = DELIMITER,
) -> str:
    """The CSV text of ``rows`` (after ``header``), every cell made safe; no byte order mark."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    if header is not None:
        writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def csv_response(
    rows: Iterable[Sequence[Cell]],
    *,
    filename: str,
    header: Sequence[str] | None = None,
    delimiter: str = DELIMITER,
) -> HttpResponse:
    """A download of ``rows`` as ``filename``: UTF-8 with a byte order mark (so that Excel reads
    the accents), ``text/csv``, every cell made safe."""
    body = BOM + csv_text(rows, header=header, delimiter=delimiter)
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_streaming_response(
    rows: Iterable[Sequence[Cell]],
    *,
    filename: str,
    header: Sequence[str] | None = None,
    batch: int = 500,
) -> StreamingHttpResponse:
    """Like :func:`csv_response`, but written while ``rows`` is read (a large export never sits
    in memory): the byte order mark and the header first, then ``batch`` rows at a time."""

    def chunks() -> Iterator[str]:
        yield BOM + csv_text([], header=header)
        pending: list[Sequence[Cell]] = []
        for row in rows:
            pending.append(row)
            if len(pending) >= batch:
                yield csv_text(pending)
                pending = []
        if pending:
            yield csv_text(pending)

    response = StreamingHttpResponse(chunks(), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
