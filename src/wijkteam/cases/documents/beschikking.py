"""The beschikking: a Dutch PDF letter with the decision, its grounds and the bezwaar clause.

Rendered with reportlab (standard Helvetica, no embedded fonts). The letter is always Dutch,
whatever language the user reads the screens in. Content streams are written uncompressed
(``pageCompression=0``): the letter is small, and its text stays searchable in the bytes.
"""

import datetime
import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from wijkteam import deadlines
from wijkteam.organisation.constants import Law, ProductCategory

from ..constants import DecisionOutcome, Frequency, LegalBasis, Unit
from ..models import Decision


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


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "Body", parent=base["Normal"], fontName="Helvetica", fontSize=10.5, leading=14
    )
    return {
        "org": ParagraphStyle(
            "Org", parent=body, fontName="Helvetica-Bold", fontSize=16, leading=20
        ),
        "small": ParagraphStyle("Small", parent=body, fontSize=9, leading=12),
        "body": body,
        "heading": ParagraphStyle(
            "Head",
            parent=body,
            fontName="Helvetica-Bold",
            fontSize=11.5,
            spaceBefore=8,
            spaceAfter=2,
        ),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


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
    from ..services.decision import bezwaar_due

    case = decision.case
    title, bare = municipality_names(case.team.municipality.name)
    resident = decision.resident
    styles = _styles()
    with translation.override("nl"):
        known, due = bezwaar_due(decision, letter_date=letter_date, calendar=calendar)
        category = str(ProductCategory(decision.product_category).label)
        law = str(Law(decision.law).label)
        story: list[Flowable] = [
            _p(title, styles["org"]),
            _p(case.team.name, styles["small"]),
            Spacer(1, 12 * mm),
            _p(resident.full_name, styles["body"]),
            _p(f"{resident.street} {resident.house_number}".strip(), styles["body"]),
            _p(f"{postcode_text(resident.postcode)} {resident.city}".strip(), styles["body"]),
            Spacer(1, 10 * mm),
        ]
        meta = [
            (_("Datum"), _day(known)),
            (_("Ons kenmerk"), f"B-{decision.pk}"),
            (_("Onderwerp"), _("Besluit op uw aanvraag: %(category)s") % {"category": category}),
        ]
        table = Table(
            [[_p(k, styles["body"]), _p(v, styles["body"])] for k, v in meta],
            colWidths=[35 * mm, 125 * mm],
            hAlign="LEFT",
        )
        table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [table, Spacer(1, 8 * mm)]
        story.append(_p(_("Geachte %(name)s,") % {"name": resident.full_name}, styles["body"]))
        story.append(Spacer(1, 3 * mm))
        story.append(
            _p(
                _(
                    "Op %(day)s heeft u een aanvraag gedaan voor %(category)s op grond van de "
                    "%(law)s. In deze brief leest u ons besluit."
                )
                % {"day": _day(decision.requested_on), "category": category, "law": law},
                styles["body"],
            )
        )
        story.append(_p(_("Ons besluit"), styles["heading"]))
        outcome_text = {
            DecisionOutcome.TOEGEKEND: _("Wij kennen uw aanvraag toe."),
            DecisionOutcome.DEELS: _("Wij kennen uw aanvraag gedeeltelijk toe."),
            DecisionOutcome.AFGEWEZEN: _("Wij wijzen uw aanvraag af."),
        }[DecisionOutcome(decision.outcome)]
        story.append(_p(outcome_text, styles["body"]))
        granted = decision.outcome != DecisionOutcome.AFGEWEZEN
        rows: list[tuple[str, str]] = [(_("Voorziening"), category)]
        if decision.product_code:
            rows.append((_("Productcode"), decision.product_code))
        rows.append(
            (
                _("Omvang") if granted else _("Gevraagde omvang"),
                amount_text(decision.volume, decision.unit, decision.frequency),
            )
        )
        rows.append(
            (
                _("Periode") if granted else _("Gevraagde periode"),
                _("van %(start)s tot en met %(end)s")
                % {"start": _day(decision.starts_on), "end": _day(decision.ends_on)},
            )
        )
        if decision.budget is not None:
            rows.append((_("Budget"), f"€ {decision.budget:.2f}".replace(".", ",")))
        details = Table(
            [[_p(k, styles["body"]), _p(v, styles["body"])] for k, v in rows],
            colWidths=[40 * mm, 120 * mm],
            hAlign="LEFT",
        )
        details.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
        story += [Spacer(1, 2 * mm), details]
        story.append(_p(_("Waarom dit besluit"), styles["heading"]))
        story.append(_p(decision.motivation, styles["body"]))
        story.append(_p(_("Wettelijke grondslag"), styles["heading"]))
        story.append(_p(str(LegalBasis(decision.legal_basis).label), styles["body"]))
        story.append(_p(_("Bent u het niet eens met dit besluit?"), styles["heading"]))
        story.append(
            _p(
                _(
                    "U kunt binnen zes weken na de dag waarop dit besluit is bekendgemaakt bezwaar "
                    "maken (Algemene wet bestuursrecht, artikel 6:7 en 6:8)."
                ),
                styles["body"],
            )
        )
        if decision.made_known_on is not None:
            made_known = _("Dit besluit is bekendgemaakt op %(known)s.")
        else:
            made_known = _(
                "Wij maken dit besluit bekend door deze brief op %(known)s te versturen."
            )
        story.append(
            _p(
                (
                    made_known
                    + " "
                    + _("Uw bezwaarschrift moet daarom uiterlijk op %(due)s bij ons binnen zijn.")
                )
                % {"known": _day(known), "due": deadlines.format_date_nl(due, _)},
                styles["body"],
            )
        )
        story.append(
            _p(
                _(
                    "Stuur uw bezwaarschrift aan het college van burgemeester en wethouders van "
                    "%(municipality)s. Vermeld daarin uw naam en adres, de datum, het kenmerk van "
                    "deze brief en waarom u het niet eens bent met dit besluit, en onderteken het. "
                    "Een bezwaarschrift schorst de werking van dit besluit niet. U kunt gratis "
                    "hulp krijgen van een onafhankelijke cliëntondersteuner."
                )
                % {"municipality": bare},
                styles["body"],
            )
        )
        story.append(Spacer(1, 8 * mm))
        story.append(_p(_("Met vriendelijke groet,"), styles["body"]))
        story.append(
            _p(
                _("namens het college van burgemeester en wethouders van %(municipality)s,")
                % {"municipality": bare},
                styles["body"],
            )
        )
        signer = decision.decided_by.display_name if decision.decided_by else ""
        story.append(Spacer(1, 6 * mm))
        story.append(_p(signer, styles["body"]))
        story.append(_p(case.team.name, styles["small"]))
        buffer = io.BytesIO()
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=25 * mm,
            rightMargin=25 * mm,
            topMargin=20 * mm,
            bottomMargin=20 * mm,
            title=_("Beschikking %(category)s") % {"category": category},
            author=title,
            lang="nl-NL",
            pageCompression=0,
        )
        doc.build(story)
    return buffer.getvalue()
