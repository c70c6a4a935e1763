"""Downloads of aggregate tables: CSV (the first table), Excel (xlsx) and OpenDocument (ods).

Every cell goes through ``core.csv_export.safe_cell``, so no text can start a formula in a
spreadsheet either. Each table becomes a sheet of its own in xlsx and ods.
"""

from collections.abc import Sequence

import tablib
from django.http import HttpResponse

from wijkteam.core.csv_export import Cell, csv_response, safe_cell

FORMATS = ("csv", "xlsx", "ods")
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}

type Sheet = tuple[str, Sequence[str], Sequence[Sequence[Cell]]]  # title, header, rows


def table_response(fmt: str, sheets: Sequence[Sheet], *, filename: str) -> HttpResponse:
    """A download of the sheets in ``fmt`` (one of ``FORMATS``) as ``filename.<fmt>``."""
    if fmt == "csv":
        _title, header, rows = sheets[0]
        return csv_response(rows, filename=f"{filename}.csv", header=list(header))
    book = tablib.Databook()
    for title, header, rows in sheets:
        book.add_sheet(
            tablib.Dataset(
                *[tuple(safe_cell(v) for v in row) for row in rows],
                headers=[str(safe_cell(h)) for h in header],
                title=title[:31],  # the longest sheet name a spreadsheet accepts
            )
        )
    response = HttpResponse(book.export(fmt), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response
