"""The lifecycle steps of a klacht and a bezwaar on their detail pages: per step its form, the
service it calls, the message on success and when the form is offered."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy

from wijkteam.accounts.models import User

from . import forms as f
from . import selectors, services
from .models import Complaint, Objection

# The lifecycle steps: (form class, extra form kwargs, service call, success message, shown).
Step = tuple[
    type[forms.Form],
    Callable[[Any], dict[str, Any]],
    Callable[[User, Any, dict[str, Any]], Any],
    Any,
    Callable[[Any], bool],
]

COMPLAINT_STEPS: dict[str, Step] = {
    "ontvangst": (
        f.AcknowledgeForm,
        lambda c: {},
        lambda u, c, d: services.complaint_acknowledge(
            actor=u,
            complaint=c,
            acknowledged_on=d["acknowledged_on"],
            version=d["expected_version"],
        ),
        gettext_lazy("De ontvangstbevestiging is vastgelegd."),
        lambda c: c.acknowledged_on is None,
    ),
    "horen": (
        f.HearForm,
        lambda c: {},
        lambda u, c, d: services.complaint_hear(
            actor=u,
            complaint=c,
            heard_on=d["heard_on"],
            waived_reason=d["waived_reason"],
            version=d["expected_version"],
        ),
        gettext_lazy("Het horen is vastgelegd."),
        lambda c: True,
    ),
    "verdagen": (
        f.ComplaintExtendForm,
        lambda c: {},
        lambda u, c, d: services.complaint_extend(
            actor=u,
            complaint=c,
            weeks=d["weeks"],
            reason=d["reason"],
            notified_on=d["notified_on"],
            version=d["expected_version"],
        ),
        gettext_lazy("De afhandeling is verdaagd."),
        lambda c: not c.extension_weeks,
    ),
    "afhandelen": (
        f.ComplaintCloseForm,
        lambda c: {},
        lambda u, c, d: services.complaint_close(
            actor=u,
            complaint=c,
            outcome=d["outcome"],
            conclusion=d["conclusion"],
            closed_on=d["closed_on"],
            version=d["expected_version"],
        ),
        gettext_lazy("De klacht is afgehandeld."),
        lambda c: True,
    ),
}

OBJECTION_STEPS: dict[str, Step] = {
    "horen": (
        f.HearForm,
        lambda o: {},
        lambda u, o, d: services.objection_hear(
            actor=u,
            objection=o,
            heard_on=d["heard_on"],
            waived_reason=d["waived_reason"],
            version=d["expected_version"],
        ),
        gettext_lazy("Het horen is vastgelegd."),
        lambda o: True,
    ),
    "verdagen": (
        f.ObjectionExtendForm,
        lambda o: {},
        lambda u, o, d: services.objection_extend(
            actor=u,
            objection=o,
            weeks=d["weeks"],
            reason=d["reason"],
            version=d["expected_version"],
        ),
        gettext_lazy("De beslistermijn is verdaagd."),
        lambda o: not o.term.extensions.all(),
    ),
    "beslissen": (
        f.ObjectionDecideForm,
        lambda o: {"revisions": selectors.revision_candidates(o)},
        lambda u, o, d: services.objection_decide(
            actor=u,
            objection=o,
            outcome=d["outcome"],
            motivation=d["motivation"],
            decided_on=d["decided_on"],
            revised_decision=d["revised_decision"],
            version=d["expected_version"],
        ),
        gettext_lazy("Op het bezwaar is beslist."),
        lambda o: True,
    ),
    "intrekken": (
        f.WithdrawForm,
        lambda o: {},
        lambda u, o, d: services.objection_withdraw(
            actor=u, objection=o, withdrawn_on=d["withdrawn_on"], version=d["expected_version"]
        ),
        gettext_lazy("De intrekking is vastgelegd."),
        lambda o: True,
    ),
}


STEP_TITLES = {
    "ontvangst": gettext_lazy("Ontvangst bevestigen (Awb 9:6)"),
    "horen": gettext_lazy("Horen"),
    "verdagen": gettext_lazy("Verdagen"),
    "afhandelen": gettext_lazy("Afhandelen"),
    "beslissen": gettext_lazy("Beslissen op bezwaar"),
    "intrekken": gettext_lazy("Intrekking vastleggen"),
}


HANDLER_NOTE = {
    Complaint: gettext_lazy(
        "Deze klacht behandelt de teamleider die niet zelf bij de klacht betrokken is "
        "(Awb 9:7); u kunt haar inzien, niet behandelen."
    ),
    Objection: gettext_lazy(
        "Dit bezwaar behandelt een beslisser of teamleider die niet zelf bij het besluit "
        "betrokken was (Awb 7:5); u kunt het inzien, niet behandelen."
    ),
}
