"""The verslag of the onderzoek as a Dutch PDF (Wmo 2015 art. 2.3.2), drawn with reportlab.

Pure rendering: the caller loads the data (and logs the export). The text is always Dutch, the
language the verslag is handed to the resident in. Helvetica (a standard PDF font) is used so
the file needs no embedded font; it covers the Latin-1 letters of Dutch names.
"""

import datetime
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from wijkteam.residents.models import Resident

from ..constants import LawTrack
from ..models import Conversation, Investigation

TITLE = "Verslag van het onderzoek"


def _styles() -> dict[str, ParagraphStyle]:
    base = getSampleStyleSheet()
    body = ParagraphStyle(
        "wt-body",
        parent=base["BodyText"],
        fontName="Helvetica",
        fontSize=10.5,
        leading=14,
        alignment=TA_LEFT,
        spaceAfter=4,
    )
    return {
        "title": ParagraphStyle(
            "wt-title",
            parent=base["Title"],
            fontName="Helvetica-Bold",
            fontSize=18,
            leading=22,
            alignment=TA_LEFT,
            spaceAfter=2,
        ),
        "subtitle": ParagraphStyle("wt-subtitle", parent=body, fontSize=10, textColor=colors.black),
        "h2": ParagraphStyle(
            "wt-h2",
            parent=base["Heading2"],
            fontName="Helvetica-Bold",
            fontSize=13,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
        ),
        "h3": ParagraphStyle(
            "wt-h3",
            parent=base["Heading3"],
            fontName="Helvetica-Bold",
            fontSize=11,
            leading=14,
            spaceBefore=6,
            spaceAfter=2,
        ),
        "body": body,
        "cell": ParagraphStyle("wt-cell", parent=body, spaceAfter=0),
        "notice": ParagraphStyle(
            "wt-notice",
            parent=body,
            fontName="Helvetica-Bold",
            borderColor=colors.black,
            borderWidth=0.8,
            borderPadding=5,
            spaceBefore=6,
            spaceAfter=10,
        ),
    }


def _text(value: str) -> str:
    """User text as paragraph markup: escaped, with its line breaks kept."""
    return "<br/>".join(escape(line) for line in value.strip().splitlines())


def _day(value: datetime.date | None) -> str:
    return dateformat.format(value, "j F Y") if value else "–"


def _participants(conversation: Conversation) -> str:
    people = [escape(r.full_name) for r in conversation.residents.all()]
    people += [
        escape(f"{m.name} ({m.get_relation_display().lower()})")
        for m in conversation.network_members.all()
    ]
    if conversation.client_supporter_present:
        people.append(escape(_("de cliëntondersteuner")))
    if conversation.other_participants:
        people.append(escape(conversation.other_participants))
    return ", ".join(people)


def _table(rows: list[list[Flowable | str]], widths: list[float], header: bool) -> Table:
    table = Table(rows, colWidths=widths, hAlign="LEFT")
    style = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.4, colors.grey),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 6),
    ]
    if header:
        style.append(("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.black))
    table.setStyle(TableStyle(style))
    return table


def _story(
    investigation: Investigation,
    residents: Sequence[Resident],
    conversations: Sequence[Conversation],
) -> list[Flowable]:
    s = _styles()
    case = investigation.case
    p = Paragraph
    story: list[Flowable] = [p(_(TITLE), s["title"])]
    if case.law_track == LawTrack.WMO:
        story.append(
            p(
                _(
                    "Onderzoek naar uw hulpvraag (Wet maatschappelijke ondersteuning 2015, artikel "
                    "2.3.2)"
                ),
                s["subtitle"],
            )
        )
    else:
        story.append(
            p(
                _("Onderzoek naar uw hulpvraag (%(law)s)")
                % {"law": escape(case.get_law_track_display())},
                s["subtitle"],
            )
        )
    if investigation.completed_on is None:
        story.append(
            p(
                _(
                    "Concept: het onderzoek is nog niet afgerond. Dit is nog niet het definitieve "
                    "verslag."
                ),
                s["notice"],
            )
        )
    story.append(Spacer(1, 4 * mm))
    cell = s["cell"]
    facts = [
        (_("Huishouden"), escape(case.household.name)),
        (_("Wijkteam"), escape(case.team.name)),
        (_("Regisseur"), escape(case.coordinator.display_name)),
        (_("Onderzoek gestart op"), _day(investigation.started_on)),
        (_("Onderzoek afgerond op"), _day(investigation.completed_on)),
    ]
    story.append(
        _table([[p(k, cell), p(v, cell)] for k, v in facts], [50 * mm, 110 * mm], header=False)
    )

    story.append(p(_("Inwoners"), s["h2"]))
    rows: list[list[Flowable | str]] = [
        [
            p(f"<b>{_('Naam')}</b>", cell),
            p(f"<b>{_('Geboortedatum')}</b>", cell),
            p(f"<b>{_('BSN')}</b>", cell),
        ]
    ]
    for r in residents:
        rows.append(
            [
                p(escape(r.full_name), cell),
                p(_day(r.date_of_birth), cell),
                p(escape(r.masked_bsn) or "–", cell),
            ]
        )
    story.append(_table(rows, [75 * mm, 45 * mm, 40 * mm], header=True))
    story.append(
        p(
            _("Van het burgerservicenummer (BSN) tonen wij alleen de laatste drie cijfers."),
            s["body"],
        )
    )

    story.append(p(_("Gesprekken"), s["h2"]))
    if not conversations:
        story.append(p(_("Er zijn nog geen gesprekken vastgelegd."), s["body"]))
    for conversation in conversations:
        heading = _("Gesprek op %(day)s, %(place)s") % {
            "day": _day(conversation.held_on),
            "place": escape(conversation.place),
        }
        story.append(
            KeepTogether(
                [
                    p(heading, s["h3"]),
                    p(f"<b>{_('Aanwezig')}:</b> {_participants(conversation)}", s["body"]),
                ]
            )
        )
        story.append(p(_text(conversation.summary), s["body"]))

    story.append(p(_("Uw persoonlijk plan"), s["h2"]))
    if investigation.personal_plan_received_on:
        story.append(
            p(
                _("Wij ontvingen uw persoonlijk plan op %(day)s. Daarin schrijft u:")
                % {"day": _day(investigation.personal_plan_received_on)},
                s["body"],
            )
        )
        story.append(p(_text(investigation.personal_plan_summary), s["body"]))
    else:
        story.append(p(_("U heeft geen persoonlijk plan ingediend."), s["body"]))

    story.append(p(_("Conclusie"), s["h2"]))
    story.append(
        p(_text(investigation.conclusion) or _("Nog geen conclusie vastgelegd."), s["body"])
    )

    story.append(p(_("Uw reactie"), s["h2"]))
    story.append(
        p(
            _(
                "U mag op dit verslag reageren. Klopt er iets niet, of wilt u iets aanvullen? Laat "
                "het uw regisseur weten. Uw reactie voegen wij bij het verslag."
            ),
            s["body"],
        )
    )
    story.append(
        p(
            _(
                "U kunt zich daarbij gratis laten helpen door een onafhankelijke "
                "cliëntondersteuner."
            ),
            s["body"],
        )
    )
    story.append(Spacer(1, 6 * mm))
    verslag_day = investigation.completed_on or timezone.localdate()
    story.append(p(_("Datum van dit verslag: %(day)s") % {"day": _day(verslag_day)}, s["body"]))
    story.append(
        p(_("Regisseur: %(name)s") % {"name": escape(case.coordinator.display_name)}, s["body"])
    )
    return story


def _footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
    canvas.saveState()
    canvas.setFont("Helvetica", 8.5)
    canvas.drawString(doc.leftMargin, 12 * mm, _("%(title)s – vertrouwelijk") % {"title": _(TITLE)})
    canvas.drawRightString(
        A4[0] - doc.rightMargin, 12 * mm, _("pagina %(n)s") % {"n": canvas.getPageNumber()}
    )
    canvas.restoreState()


def render_verslag(
    *,
    investigation: Investigation,
    residents: Sequence[Resident],
    conversations: Sequence[Conversation],
    compress: bool = True,
    invariant: bool = False,
) -> bytes:
    """The PDF bytes. ``compress=False`` and ``invariant=True`` make the output testable."""
    buffer = io.BytesIO()
    with translation.override("nl"):
        doc = SimpleDocTemplate(
            buffer,
            pagesize=A4,
            leftMargin=22 * mm,
            rightMargin=22 * mm,
            topMargin=20 * mm,
            bottomMargin=22 * mm,
            title=_(TITLE),
            author=investigation.case.team.name,
            creator="Wijkteam",
            lang="nl-NL",
            displayDocTitle=True,
            pageCompression=1 if compress else 0,
            invariant=1 if invariant else 0,
        )
        doc.build(
            _story(investigation, residents, conversations),
            onFirstPage=_footer,
            onLaterPages=_footer,
        )
    return buffer.getvalue()
