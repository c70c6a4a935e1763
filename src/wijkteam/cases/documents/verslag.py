"""The verslag of the onderzoek as a Dutch PDF (Wmo 2015 art. 2.3.2).

Pure rendering: the caller loads the data (and logs the export). The text is always Dutch, the
language the verslag is handed to the resident in. Rendered from
``templates/cases/pdf/verslag.html`` by ``core.pdf`` (WeasyPrint, tagged PDF/UA-1, DejaVu Sans
embedded, so every Latin letter of a name prints).
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.utils import dateformat, timezone, translation
from django.utils.translation import gettext as _

from wijkteam.core.pdf import render_pdf
from wijkteam.residents.models import Resident

from ..constants import LawTrack
from ..models import Conversation, Investigation

TITLE = "Verslag van het onderzoek"
TEMPLATE = "cases/pdf/verslag.html"


def _day(value: datetime.date | None) -> str:
    return dateformat.format(value, "j F Y") if value else "–"


def _participants(conversation: Conversation) -> str:
    people = [r.full_name for r in conversation.residents.all()]
    people += [
        f"{m.name} ({m.get_relation_display().lower()})" for m in conversation.network_members.all()
    ]
    if conversation.client_supporter_present:
        people.append(_("de cliëntondersteuner"))
    if conversation.other_participants:
        people.append(conversation.other_participants)
    return ", ".join(people)


def verslag_context(
    *,
    investigation: Investigation,
    residents: Sequence[Resident],
    conversations: Sequence[Conversation],
) -> dict[str, Any]:
    """The values the verslag shows, formatted in Dutch (call inside ``translation.override``)."""
    case = investigation.case
    return {
        "is_wmo": case.law_track == LawTrack.WMO,
        "law": case.get_law_track_display(),
        "concept": investigation.completed_on is None,
        "facts": [
            (_("Huishouden"), case.household.name),
            (_("Wijkteam"), case.team.name),
            (_("Regisseur"), case.coordinator.display_name),
            (_("Onderzoek gestart op"), _day(investigation.started_on)),
            (_("Onderzoek afgerond op"), _day(investigation.completed_on)),
        ],
        "residents": [
            {
                "name": r.full_name,
                "born": _day(r.date_of_birth),
                "bsn": r.masked_bsn or "–",
            }
            for r in residents
        ],
        "conversations": [
            {
                "day": _day(c.held_on),
                "place": c.place,
                "participants": _participants(c),
                "summary": c.summary.strip(),
            }
            for c in conversations
        ],
        "plan_received": _day(investigation.personal_plan_received_on)
        if investigation.personal_plan_received_on
        else "",
        "plan_summary": investigation.personal_plan_summary.strip(),
        "conclusion": investigation.conclusion.strip(),
        "verslag_day": _day(investigation.completed_on or timezone.localdate()),
        "coordinator": case.coordinator.display_name,
        "team": case.team.name,
    }


def render_verslag(
    *,
    investigation: Investigation,
    residents: Sequence[Resident],
    conversations: Sequence[Conversation],
) -> bytes:
    """The PDF bytes (the same bytes for the same data on the same day)."""
    with translation.override("nl"):
        context = verslag_context(
            investigation=investigation, residents=residents, conversations=conversations
        )
    return render_pdf(TEMPLATE, context)
