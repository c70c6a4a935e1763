"""Statutory term definitions (the registry) and the computation of a running term.

Counting: a term "within N weeks/days/months of" an event starts on the day after the event
and ends at the end of the same weekday N weeks later, N days later, or the same day number
N months later (clamped to the last day of a shorter month). A term in hours runs from the
event moment for exactly that many hours. The Algemene termijnenwet (art. 1 and 2) is then
applied to the resulting end date when the definition says so.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from .calendar import gettext_noop as _
from .errors import ExtensionAmountError, UnknownTermError, UnknownVariantError


class TermUnit(StrEnum):
    """Unit in which a term is expressed."""

    HOURS = "hours"
    DAYS = "days"
    WEEKS = "weeks"
    MONTHS = "months"

    @property
    def label(self) -> str:
        """Dutch (plural) name of the unit, marked for translation."""
        return UNIT_LABELS[self]


UNIT_LABELS: Final[Mapping[TermUnit, str]] = MappingProxyType(
    {
        TermUnit.HOURS: _("uur"),
        TermUnit.DAYS: _("dagen"),
        TermUnit.WEEKS: _("weken"),
        TermUnit.MONTHS: _("maanden"),
    }
)


@dataclass(frozen=True)
class ExtensionRule:
    """How a term may be extended (verdaagd/verlengd).

    ``max_amount`` is the longest single extension in ``unit``; ``None`` means the law sets no
    fixed length (e.g. Awb 4:14 lid 3: a "redelijke termijn"), so the caller must state it.
    """

    unit: TermUnit
    max_amount: int | None
    source: str
    max_count: int = 1

    def __post_init__(self) -> None:
        if self.unit is TermUnit.HOURS:
            raise ValueError("extensions in hours are not supported")
        if self.max_count < 1 or (self.max_amount is not None and self.max_amount < 1):
            raise ValueError("max_count and max_amount must be positive")

    def validate_amount(self, amount: int | None, term_label: str) -> int:
        """Return the extension length to use, or raise :class:`ExtensionAmountError`.

        Without ``amount`` the maximum is used; when the law sets no maximum it is required.
        """
        unit = self.unit.label
        if amount is None:
            if self.max_amount is None:
                raise ExtensionAmountError(
                    _("Geef op met hoeveel %(unit)s de termijn '%(term)s' wordt verlengd."),
                    term=term_label,
                    unit=unit,
                )
            return self.max_amount
        if amount < 1:
            raise ExtensionAmountError(
                _("Een verlenging van de termijn '%(term)s' moet ten minste 1 %(unit)s zijn."),
                term=term_label,
                unit=unit,
            )
        if self.max_amount is not None and amount > self.max_amount:
            raise ExtensionAmountError(term=term_label, max=self.max_amount, unit=unit)
        return amount


@dataclass(frozen=True)
class TermVariant:
    """An alternative length of a term, e.g. twelve weeks with an advisory committee."""

    key: str
    label: str
    amount: int
    source: str


@dataclass(frozen=True)
class TermDefinition:
    """A statutory term: length, unit, legal source and what may be done with it.

    ``start_event`` (Dutch) names the event the term counts from; the term itself starts on
    the next day. ``suspension_source`` is ``None`` when the term cannot be suspended.
    """

    key: str
    label: str
    amount: int
    unit: TermUnit
    source: str
    start_event: str
    atw_applies: bool = True
    extension: ExtensionRule | None = None
    variants: tuple[TermVariant, ...] = ()
    suspension_source: str | None = None

    def __post_init__(self) -> None:
        if self.amount < 1:
            raise ValueError("a term must be at least one unit long")
        if self.unit is TermUnit.HOURS and (self.atw_applies or self.suspension_source):
            # The Atw governs terms that end on a *day*; a term in hours is not such a term.
            raise ValueError("the Atw and suspension do not apply to terms in hours")

    @property
    def extendable(self) -> bool:
        """Whether the term can be extended at all."""
        return self.extension is not None

    @property
    def suspendable(self) -> bool:
        """Whether the term can be suspended (opgeschort)."""
        return self.suspension_source is not None

    def variant(self, key: str | None) -> TermVariant | None:
        """Return the variant named ``key`` (``None`` for the standard term)."""
        if key is None:
            return None
        for variant in self.variants:
            if variant.key == key:
                return variant
        raise UnknownVariantError(term=self.label, variant=key)

    def amount_for(self, variant: str | None) -> int:
        """Length of the term in :attr:`unit` for the given variant."""
        chosen = self.variant(variant)
        return self.amount if chosen is None else chosen.amount


AWB_4_15 = "Awb art. 4:15"

_DEFINITIONS: Final = (
    TermDefinition(
        key="wmo_onderzoek",
        label=_("Wmo-onderzoek na melding"),
        amount=6,
        unit=TermUnit.WEEKS,
        source="Wmo 2015 art. 2.3.2 lid 1",
        start_event=_("melding"),
    ),
    TermDefinition(
        key="wmo_persoonlijk_plan",
        label=_("Persoonlijk plan indienen (Wmo)"),
        amount=7,
        unit=TermUnit.DAYS,
        source="Wmo 2015 art. 2.3.2 lid 2",
        start_event=_("melding"),
    ),
    TermDefinition(
        key="wmo_beschikking",
        label=_("Wmo-beschikking na aanvraag"),
        amount=2,
        unit=TermUnit.WEEKS,
        source="Wmo 2015 art. 2.3.5 lid 1",
        start_event=_("ontvangst van de aanvraag"),
        suspension_source=AWB_4_15,
    ),
    TermDefinition(
        key="jeugd_beslissing",
        label=_("Beslissing op aanvraag jeugdhulp"),
        amount=8,
        unit=TermUnit.WEEKS,
        source="Jeugdwet jo. Awb art. 4:13 lid 2",
        start_event=_("ontvangst van de aanvraag"),
        # Awb 4:14 lid 3: the body names a "redelijke termijn"; no fixed maximum in law.
        extension=ExtensionRule(TermUnit.WEEKS, None, "Awb art. 4:14 lid 3"),
        suspension_source=AWB_4_15,
    ),
    TermDefinition(
        key="bezwaar",
        label=_("Bezwaartermijn"),
        amount=6,
        unit=TermUnit.WEEKS,
        source="Awb art. 6:7 en 6:8",
        start_event=_("bekendmaking van het besluit"),
    ),
    TermDefinition(
        key="beslissing_op_bezwaar",
        label=_("Beslissing op bezwaar"),
        amount=6,
        unit=TermUnit.WEEKS,
        source="Awb art. 7:10 lid 1",
        # Awb 7:10 lid 1: counted from the day after the objection term has expired, NOT
        # from the receipt of the objection. Pass the (Atw-adjusted) end of the bezwaar term.
        start_event=_("einde van de bezwaartermijn"),
        extension=ExtensionRule(TermUnit.WEEKS, 6, "Awb art. 7:10 lid 3"),
        variants=(
            TermVariant(
                "adviescommissie",
                _("met adviescommissie"),
                12,
                "Awb art. 7:10 lid 1 jo. 7:13",
            ),
        ),
        suspension_source="Awb art. 7:10 lid 2",
    ),
    TermDefinition(
        key="klacht",
        label=_("Afhandeling klacht"),
        amount=6,
        unit=TermUnit.WEEKS,
        source="Awb art. 9:11 lid 1",
        start_event=_("ontvangst van het klaagschrift"),
        extension=ExtensionRule(TermUnit.WEEKS, 4, "Awb art. 9:11 lid 2"),
        variants=(
            TermVariant("klachtencommissie", _("met klachtadviescommissie"), 10, "Awb art. 9:14"),
        ),
    ),
    TermDefinition(
        key="avg_inzage",
        label=_("Inzageverzoek (AVG)"),
        amount=1,
        unit=TermUnit.MONTHS,
        source="AVG art. 12 lid 3",
        start_event=_("ontvangst van het verzoek"),
        # An EU regulation: strictly Regulation 1182/71 governs its counting, with the same
        # weekend/holiday shift and two-working-day rule; the Atw calendar is used here.
        extension=ExtensionRule(TermUnit.MONTHS, 2, "AVG art. 12 lid 3"),
    ),
    TermDefinition(
        key="datalek",
        label=_("Melding datalek aan de Autoriteit Persoonsgegevens"),
        amount=72,
        unit=TermUnit.HOURS,
        source="AVG art. 33 lid 1",
        start_event=_("ontdekking van het datalek"),
        # Not a term in days, so the Atw does not move it: 72 hours are 72 hours.
        atw_applies=False,
    ),
)

TERMS: Final[Mapping[str, TermDefinition]] = MappingProxyType({d.key: d for d in _DEFINITIONS})
TERM_LABELS: Final[Mapping[str, str]] = MappingProxyType({d.key: d.label for d in _DEFINITIONS})


def get_definition(key: str) -> TermDefinition:
    """Return the registered definition for ``key`` or raise :class:`UnknownTermError`."""
    try:
        return TERMS[key]
    except KeyError:
        raise UnknownTermError(key=key) from None


def add_months(day: date, months: int) -> date:
    """Same day number ``months`` later, clamped to the last day of the target month."""
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    month = month0 + 1
    next_first = date(year + month // 12, month % 12 + 1, 1)
    last_day = (next_first - date(year, month, 1)).days
    return date(year, month, min(day.day, last_day))
