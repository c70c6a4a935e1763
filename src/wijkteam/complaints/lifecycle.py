"""The lifecycle of a klacht and a bezwaar in words: the legal term of the record and of each
step (Awb 9:6–9:12 for a klacht, 6:21 and 7:2–7:10 for a bezwaar), and its history as steps
(who did what, when), read from the audit events the services write.

The audit event of a step stores its changes with the model's field names (``heard_on``,
``extension_weeks``, ``outcome``…); :func:`history_rows` turns them into the step's name and
its date or outcome, so the history never shows an internal key.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.models import AuditEvent

from .constants import ComplaintOutcome, ObjectionOutcome
from .models import Complaint, Objection

STEP_TERMS = {
    Complaint: {
        "ontvangst": gettext_lazy(
            "Bevestig de ontvangst van de klacht schriftelijk (Awb 9:6). De wet noemt geen "
            "termijn: doe het zo snel mogelijk."
        ),
        "horen": gettext_lazy(
            "Hoor de klager voordat u de klacht afhandelt (Awb 9:10). Niet horen mag alleen in "
            "de gevallen van Awb 9:10 lid 2; schrijf dan de reden op."
        ),
        "verdagen": gettext_lazy(
            "Eén keer, met ten hoogste 4 weken. Bericht de klager en wie de klacht betreft "
            "schriftelijk (Awb 9:11 lid 2)."
        ),
        "afhandelen": gettext_lazy(
            "Binnen 6 weken na ontvangst, of 10 weken als een klachtadviescommissie adviseert "
            "(Awb 9:11 lid 1). Schriftelijk, met het oordeel en de conclusies (Awb 9:12)."
        ),
    },
    Objection: {
        "horen": gettext_lazy(
            "Hoor de bezwaarmaker voordat u beslist (Awb 7:2). Niet horen mag alleen in de "
            "gevallen van Awb 7:3; schrijf dan de reden op."
        ),
        "verdagen": gettext_lazy(
            "Eén keer, met ten hoogste 6 weken. Bericht de bezwaarmaker schriftelijk "
            "(Awb 7:10 lid 3)."
        ),
        "beslissen": gettext_lazy(
            "Binnen 6 weken, of 12 weken als een adviescommissie bezwaarschriften adviseert, na "
            "het einde van de bezwaartermijn (Awb 7:10 lid 1)."
        ),
        "intrekken": gettext_lazy(
            "Kan tot er op het bezwaar is beslist (Awb 6:21). De beslistermijn stopt dan."
        ),
    },
}


def term_in_words(obj: Complaint | Objection) -> str:
    """The record's own legal term in a sentence: base weeks, committee, extension."""
    if isinstance(obj, Complaint):
        weeks = 10 if obj.committee else 6
        text = ngettext(
            "Afhandelen binnen %(n)s week na ontvangst (Awb 9:11 lid 1).",
            "Afhandelen binnen %(n)s weken na ontvangst (Awb 9:11 lid 1).",
            weeks,
        ) % {"n": weeks}
        extended = obj.extension_weeks or 0
        limit = _("Verdagen kan één keer met ten hoogste 4 weken (Awb 9:11 lid 2).")
    else:
        weeks = 12 if obj.committee else 6
        text = ngettext(
            "Beslissen binnen %(n)s week na het einde van de bezwaartermijn (Awb 7:10 lid 1).",
            "Beslissen binnen %(n)s weken na het einde van de bezwaartermijn (Awb 7:10 lid 1).",
            weeks,
        ) % {"n": weeks}
        if obj.late:
            text = ngettext(
                "Beslissen binnen %(n)s week na ontvangst (te laat ingediend; Awb 7:10 lid 1).",
                "Beslissen binnen %(n)s weken na ontvangst (te laat ingediend; Awb 7:10 lid 1).",
                weeks,
            ) % {"n": weeks}
        extended = sum(e.weeks or 0 for e in obj.term.extensions.all())
        limit = _("Verdagen kan één keer met ten hoogste 6 weken (Awb 7:10 lid 3).")
    if extended:
        return " ".join(
            [
                text,
                ngettext("Verdaagd met %(n)s week.", "Verdaagd met %(n)s weken.", extended)
                % {"n": extended},
            ]
        )
    return f"{text} {limit}" if obj.is_open else text


@dataclass(frozen=True)
class HistoryRow:
    at: datetime.datetime
    who: str
    step: str
    detail: str


def _day(value: Any) -> str:
    try:
        return f"{datetime.date.fromisoformat(str(value)):%d-%m-%Y}"
    except ValueError:
        return ""


def _describe(event: AuditEvent, obj: Complaint | Objection) -> tuple[str, str]:
    c = event.changes or {}
    if event.action == AuditAction.CREATE:
        return _("Geregistreerd"), _("termijn tot %(day)s") % {"day": _day(c.get("due_on"))}
    if "acknowledged_on" in c:
        return _("Ontvangst bevestigd"), _day(c["acknowledged_on"])
    if "waived" in c:
        if c["waived"]:
            return _("Niet gehoord (reden vastgelegd)"), ""
        return _("Gehoord"), _day(c.get("heard_on"))
    if "extension_weeks" in c:
        weeks = int(c["extension_weeks"])
        step = ngettext("Verdaagd met %(n)s week", "Verdaagd met %(n)s weken", weeks) % {"n": weeks}
        return step, _("nieuwe termijn tot %(day)s") % {"day": _day(c.get("due_on"))}
    if "outcome" in c:
        day = _day(c.get("closed_on") or c.get("decided_on"))
        if c["outcome"] == ObjectionOutcome.INGETROKKEN:
            return _("Ingetrokken"), day
        if isinstance(obj, Complaint):
            outcome = dict(ComplaintOutcome.choices).get(c["outcome"], c["outcome"])
            return _("Afgehandeld: %(outcome)s") % {"outcome": outcome}, day
        outcome = dict(ObjectionOutcome.choices).get(c["outcome"], c["outcome"])
        return _("Beslist: %(outcome)s") % {"outcome": outcome}, day
    return str(event.get_action_display()), ""


def history_rows(events: list[AuditEvent], obj: Complaint | Objection) -> list[HistoryRow]:
    """Each event as a step: when, who (the account's name), which step and its date."""
    rows = []
    for event in events:
        step, detail = _describe(event, obj)
        who = event.actor.display_name if event.actor is not None else event.actor_name
        rows.append(HistoryRow(at=event.at, who=who, step=step, detail=detail))
    return rows
