"""PDF documents for the resident: the access overview and the inzage export.

Rendered from ``templates/privacy/pdf/`` by ``core.pdf`` (WeasyPrint, tagged PDF/UA-1, DejaVu
Sans embedded): real headings and tables, always Dutch. This module prepares the values.
"""

import datetime
import json
from collections.abc import Iterable
from typing import Any

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wijkteam.core.pdf import render_pdf
from wijkteam.rights.selectors import AccessRow


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


def _what(action_label: str, why: str) -> str:
    return f"{action_label}: {why}" if why else action_label


def access_overview_pdf(
    *,
    resident_name: str,
    rows: Iterable[AccessRow],
    date_from: datetime.date | None,
    date_to: datetime.date | None,
) -> bytes:
    """A readable chronological list of who accessed the file, when and why."""
    with translation.override("nl"):
        context = {
            "resident_name": resident_name,
            "period": _period_text(date_from, date_to),
            "generated": timezone.localtime().strftime("%d-%m-%Y %H:%M"),
            "rows": [
                {
                    "at": row.at.strftime("%d-%m-%Y %H:%M"),
                    "who": row.who,
                    "organisation": row.organisation or "–",
                    "role": row.role or "–",
                    "what": _what(row.action_label, row.why),
                }
                for row in rows
            ],
        }
    return render_pdf("privacy/pdf/access_overview.html", context)


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
    """The inzage export as a readable document: one table per record, per kind of data."""
    with translation.override("nl"):
        sections = []
        for section in export["sections"]:
            records = section["records"]
            if not records:
                continue
            labels: dict[str, str] = section["fields"]
            sections.append(
                {
                    "title": f"{section['title'].capitalize()} ({len(records)})",
                    "records": [
                        [
                            (labels.get(name, name), _display(value))
                            for name, value in record.items()
                        ]
                        for record in records
                    ],
                }
            )
        context = {
            "resident_name": export["resident"]["name"],
            "generated": export["generated_at"][:16].replace("T", " "),
            "request": export.get("request"),
            "notes": export.get("notes", []),
            "sections": sections,
            "access": [
                {
                    "at": row["at"][:16].replace("T", " "),
                    "who": row["who"],
                    "organisation": row["organisation"] or "–",
                    "role": row["role"] or "–",
                    "what": _what(row["action_label"], row["why"]),
                }
                for row in export.get("access_overview", [])
            ],
        }
    return render_pdf("privacy/pdf/inzage.html", context)
