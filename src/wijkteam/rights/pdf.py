"""PDF documents for the resident: the access overview and the inzage export (reportlab).

Written uncompressed (``pageCompression=0``) so that the text can be checked in tests and by
text tools; the documents are small.
"""

import datetime
import io
import json
from collections.abc import Iterable
from typing import Any
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import (
    LongTable,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.flowables import Flowable

from wijkteam.rights.selectors import AccessRow

_STYLES = getSampleStyleSheet()
BODY = ParagraphStyle("wt-body", parent=_STYLES["BodyText"], fontName="Helvetica", fontSize=9)
SMALL = ParagraphStyle("wt-small", parent=BODY, fontSize=8, leading=10)
H1 = ParagraphStyle("wt-h1", parent=_STYLES["Heading1"], fontName="Helvetica-Bold", fontSize=16)
H2 = ParagraphStyle("wt-h2", parent=_STYLES["Heading2"], fontName="Helvetica-Bold", fontSize=12)

GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e6e6e6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
    ]
)


def _p(text: object, style: ParagraphStyle = SMALL) -> Paragraph:
    return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)


def _document(title: str, story: list[Flowable]) -> bytes:
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        pageCompression=0,
        title=title,
        author=_("Wijkteam"),
        lang="nl",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    doc.build(story)
    return buffer.getvalue()


def _period_text(date_from: datetime.date | None, date_to: datetime.date | None) -> str:
    if date_from and date_to:
        return _("van %(from)s tot en met %(to)s") % {
            "from": date_from.strftime("%d-%m-%Y"),
            "to": date_to.strftime("%d-%m-%Y"),
        }
    if date_from:
        return _("vanaf %s") % date_from.strftime("%d-%m-%Y")
    if date_to:
        return _("tot en met %s") % date_to.strftime("%d-%m-%Y")
    return _("de hele periode")


def access_overview_pdf(
    *,
    resident_name: str,
    rows: Iterable[AccessRow],
    date_from: datetime.date | None,
    date_to: datetime.date | None,
) -> bytes:
    """A readable chronological list of who accessed the file, when and why."""
    title = _("Wie heeft uw dossier ingezien?")
    story: list[Flowable] = [
        _p(title, H1),
        _p(_("Inwoner: %s") % resident_name, BODY),
        _p(_("Periode: %s") % _period_text(date_from, date_to), BODY),
        _p(
            _("Gemaakt op %s") % timezone.localtime().strftime("%d-%m-%Y %H:%M"),
            BODY,
        ),
        Spacer(1, 4 * mm),
    ]
    data: list[list[Any]] = [
        [_p(_("Wanneer")), _p(_("Wie")), _p(_("Organisatie")), _p(_("Rol")), _p(_("Wat en waarom"))]
    ]
    count = 0
    for row in rows:
        count += 1
        data.append(
            [
                _p(row.at.strftime("%d-%m-%Y %H:%M")),
                _p(row.who),
                _p(row.organisation or "–"),
                _p(row.role or "–"),
                _p(f"{row.action_label}: {row.why}" if row.why else row.action_label),
            ]
        )
    if count == 0:
        story.append(_p(_("In deze periode heeft niemand uw dossier ingezien."), BODY))
    else:
        table = LongTable(
            data, colWidths=[26 * mm, 32 * mm, 35 * mm, 30 * mm, 57 * mm], repeatRows=1
        )
        table.setStyle(GRID)
        story.append(table)
    return _document(title, story)


def _display(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict) and "label" in value and ("id" in value or "value" in value):
        label = value.get("label")
        return str(label) if label not in ("", None) else str(value.get("value", "–"))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, list) and all(isinstance(v, dict) and "label" in v for v in value):
        return ", ".join(str(v["label"]) for v in value) or "–"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, indent=1)
    return str(value) if value != "" else "–"


def inzage_pdf(export: dict[str, Any]) -> bytes:
    """The inzage export as a readable document: one table per kind of data."""
    title = _("Inzage in uw gegevens")
    resident = export["resident"]
    story: list[Flowable] = [
        _p(title, H1),
        _p(_("Inwoner: %s") % resident["name"], BODY),
        _p(_("Gemaakt op %s") % export["generated_at"][:16].replace("T", " "), BODY),
    ]
    request = export.get("request")
    if request:
        story.append(
            _p(
                _("Verzoek ontvangen op %(received)s, te beantwoorden uiterlijk %(due)s.")
                % {"received": request["received_on"], "due": request["due_on"]},
                BODY,
            )
        )
    for note in export.get("notes", []):
        story.append(_p(note, BODY))
    for section in export["sections"]:
        records = section["records"]
        if not records:
            continue
        story.append(_p(f"{section['title'].capitalize()} ({len(records)})", H2))
        labels: dict[str, str] = section["fields"]
        for record in records:
            rows = [[_p(_("Gegeven")), _p(_("Waarde"))]]
            rows += [
                [_p(labels.get(name, name)), _p(_display(value))] for name, value in record.items()
            ]
            table = Table(rows, colWidths=[55 * mm, 125 * mm], repeatRows=1)
            table.setStyle(GRID)
            story += [table, Spacer(1, 3 * mm)]
    story.append(_p(_("Wie heeft uw dossier ingezien?"), H2))
    access = export.get("access_overview", [])
    if not access:
        story.append(_p(_("Niemand."), BODY))
    else:
        data: list[list[Any]] = [
            [_p(_("Wanneer")), _p(_("Wie")), _p(_("Organisatie")), _p(_("Rol")), _p(_("Wat"))]
        ]
        for row in access:
            data.append(
                [
                    _p(row["at"][:16].replace("T", " ")),
                    _p(row["who"]),
                    _p(row["organisation"] or "–"),
                    _p(row["role"] or "–"),
                    _p(
                        f"{row['action_label']}: {row['why']}"
                        if row["why"]
                        else row["action_label"]
                    ),
                ]
            )
        table = LongTable(
            data, colWidths=[26 * mm, 32 * mm, 35 * mm, 30 * mm, 57 * mm], repeatRows=1
        )
        table.setStyle(GRID)
        story.append(table)
    return _document(title, story)
