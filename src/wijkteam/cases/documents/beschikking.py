"""The beschikking: a Dutch PDF letter with the decision, its grounds and the bezwaar clause.

Rendered from ``templates/cases/pdf/beschikking.html`` by ``core.pdf`` (WeasyPrint, tagged
PDF/UA-1, DejaVu Sans embedded). The letter is always Dutch, whatever language the user reads
the screens in. This module prepares the values; the template holds the letter's text.
"""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import formats, translation
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.core.pdf import render_pdf
from wijkteam.organisation.constants import Law, ProductCategory

from ..constants import DecisionOutcome, Frequency, LegalBasis, Unit
from ..models import Decision

TEMPLATE = "cases/pdf/beschikking.html"


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _number(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.replace(".", ",")


def amount_text(volume: Decimal, unit: str, frequency: str) -> str:
    """E.g. ``4 uur per week`` or ``2,5 dagdeel (4 uur) per week``."""
    return f"{_number(volume)} {Unit(unit).label} {Frequency(frequency).label}"


def municipality_names(name: str) -> tuple[str, str]:
    """("Gemeente Utrecht", "Utrecht"), whether or not the stored name starts with "Gemeente"."""
    bare = name[len("gemeente ") :] if name.lower().startswith("gemeente ") else name
    return f"Gemeente {bare}", bare


def postcode_text(postcode: str) -> str:
    return f"{postcode[:4]} {postcode[4:]}" if len(postcode) == 6 else postcode


def beschikking_context(
    decision: Decision,
    *,
    letter_date: datetime.date | None = None,
    calendar: deadlines.AtwCalendar | None = None,
) -> dict[str, Any]:
    """The values the letter shows, formatted in Dutch (call inside ``translation.override``)."""
    from ..services.decision import bezwaar_due

    case = decision.case
    title, bare = municipality_names(case.team.municipality.name)
    resident = decision.resident
    known, due = bezwaar_due(decision, letter_date=letter_date, calendar=calendar)
    granted = decision.outcome != DecisionOutcome.AFGEWEZEN
    details: list[tuple[str, str]] = [
        (_("Voorziening"), str(ProductCategory(decision.product_category).label))
    ]
    if decision.product_code:
        details.append((_("Productcode"), decision.product_code))
    details.append(
        (
            _("Omvang") if granted else _("Gevraagde omvang"),
            amount_text(decision.volume, decision.unit, decision.frequency),
        )
    )
    details.append(
        (
            _("Periode") if granted else _("Gevraagde periode"),
            _("van %(start)s tot en met %(end)s")
            % {"start": _day(decision.starts_on), "end": _day(decision.ends_on)},
        )
    )
    if decision.budget is not None:
        details.append((_("Budget"), f"€ {decision.budget:.2f}".replace(".", ",")))
    return {
        "municipality": title,
        "municipality_bare": bare,
        "team": case.team.name,
        "name": resident.full_name,
        "address_lines": [
            line
            for line in (
                f"{resident.street} {resident.house_number}".strip(),
                f"{postcode_text(resident.postcode)} {resident.city}".strip(),
            )
            if line
        ],
        "letter_day": _day(known),
        "reference": f"B-{decision.pk}",
        "category": str(ProductCategory(decision.product_category).label),
        "law": str(Law(decision.law).label),
        "requested_day": _day(decision.requested_on),
        "outcome": decision.outcome,
        "details": details,
        "motivation": decision.motivation,
        "legal_basis": str(LegalBasis(decision.legal_basis).label),
        "made_known": decision.made_known_on is not None,
        "due_day": deadlines.format_date_nl(due, _),
        "signer": decision.decided_by.display_name if decision.decided_by else "",
    }


def render_beschikking(
    decision: Decision,
    *,
    letter_date: datetime.date | None = None,
    calendar: deadlines.AtwCalendar | None = None,
) -> bytes:
    """The PDF bytes of the beschikking for a decided ``decision``.

    The dagtekening is the day the decision was made known, or ``letter_date`` / today when it
    has not been sent yet; the bezwaar term (6 weeks from the day after the bekendmaking, Awb
    6:7 and 6:8, extended under the Algemene termijnenwet) is computed from that day.
    """
    with translation.override("nl"):
        context = beschikking_context(decision, letter_date=letter_date, calendar=calendar)
    return render_pdf(TEMPLATE, context)
