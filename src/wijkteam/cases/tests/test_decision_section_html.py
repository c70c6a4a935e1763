"""The Besluiten tab's section written in Python is the HTML of its template (issue 17, ``h-dec3``).

``cases/sections/decision.html`` is ``{% decision_section %}`` (``cases/decision_html.py``); the
template it replaced is ``cases/sections/decision_engine.html``. Here: its source is still the
text the Python was written from (SHA-256), an edited template is rendered by the engine again,
the whole case page on the Besluiten tab is the same through both (CSRF masked) without
decisions and with decisions in every status (for the coordinator, the beslisser, both
teamleiders, one of whom may give the second approval, and the cliëntondersteuner), in Dutch
and English; and the section alone on hand-made rows, on an open and a closed case: labels
missing, no outcome, ``'<&>`` in names and codes, volumes with decimals and thousands, missing
dates, with and without terms, with and without ``page`` and a CSRF token.
"""

import datetime
import hashlib
import re
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wijkteam.accounts.models import User
from wijkteam.cases import decision_html
from wijkteam.cases.constants import DecisionOutcome, DecisionStatus, LegalBasis
from wijkteam.cases.models import Decision, TrackedTerm
from wijkteam.cases.services import decision as decisions
from wijkteam.cases.services.terms import term_view
from wijkteam.cases.stages.decision import DecisionRow, DecisionSection
from wijkteam.residents.models import Resident

from .test_decision_fixtures import build_world, decided, request_decision, today

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def _engine_file() -> Path:
    return Path(settings.TEMPLATES[0]["DIRS"][0]) / decision_html.ENGINE


def test_the_engine_template_is_the_text_the_python_was_written_from():
    """Edit ``decision_engine.html`` and this fails: change ``decision_html.py`` to match (and
    the hash), or the tab goes back to the engine (next test)."""
    digest = hashlib.sha256(_engine_file().read_text().encode()).hexdigest()
    assert digest == decision_html.ENGINE_SHA256
    decision_html._verified.clear()
    assert decision_html.engine_source_is_known()


def test_an_edited_engine_template_is_rendered_by_the_engine(monkeypatch):
    monkeypatch.setattr(decision_html, "ENGINE_SHA256", "0" * 64)
    monkeypatch.setattr(decision_html, "_verified", {})
    called = []
    monkeypatch.setattr(decision_html, "_engine", lambda context: called.append(1) or "engine")
    html = render_to_string("cases/sections/decision.html", _context(DecisionSection()))
    assert html == "engine" and called


def _page(client, case) -> str:
    path = reverse("cases:detail", args=[case.pk]) + "?onderdeel=besluiten"
    response = client.get(path)
    assert response.status_code == 200
    return CSRF.sub(r"\1…", response.content.decode())


def _client(client_for, user, language: str):
    """A logged-in client that chose ``language`` with the language switch (its cookie)."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _both(client, case, monkeypatch) -> tuple[str, str]:
    decision_html._verified.clear()
    now = _page(client, case)
    with monkeypatch.context() as patched:
        patched.setattr(decision_html, "_verified", {decision_html.ENGINE: False})  # the engine
        before = _page(client, case)
    return now, before


def _every_status(w):
    w.resident.first_name = "D'Arcy <&>"
    w.resident.save()
    request_decision(w, product_code="")  # aangevraagd, no code
    request_decision(w, volume=Decimal("2.50"))  # aangevraagd
    decided(w)  # besloten, toegekend
    waiting = request_decision(w, volume=Decimal(15))
    decisions.decision_take(
        actor=w.beslisser,
        decision=waiting,
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )  # wacht op akkoord (above volume_alone)
    approved = request_decision(w, volume=Decimal("12.25"))
    approved = decisions.decision_take(
        actor=w.beslisser,
        decision=approved,
        outcome=DecisionOutcome.TOEGEKEND,
        motivation="Nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    w.leader.first_name, w.leader.last_name = "Zoë <b>", "O'Neil & Co"
    w.leader.save()
    decisions.decision_approve(actor=w.leader, decision=approved)  # besloten with akkoord
    refused = request_decision(w, product_category="04")
    decisions.decision_take(
        actor=w.beslisser,
        decision=refused,
        outcome=DecisionOutcome.AFGEWEZEN,
        motivation="Niet nodig.",
        legal_basis=LegalBasis.WMO_2_3_5,
    )
    Decision.objects.filter(pk=refused.pk).update(
        unit="zz",
        frequency="9",
        deviates_from_protocol=True,
        deviation_justification="Anders <&>",
    )  # no choice labels, a deviation
    TrackedTerm.objects.filter(decision=refused).delete()  # no terms: "–"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_besluiten_tab_is_the_same_through_the_engine(client_for, monkeypatch, language):
    empty = build_world()
    full = build_world()
    _every_status(full)
    for w in (empty, full):
        for user in (w.coordinator, w.beslisser, w.leader, w.leader2, w.supporter):
            now, before = _both(_client(client_for, user, language), w.case, monkeypatch)
            assert now == before, (w.case.pk, user)
            assert f'<html lang="{language}"' in now  # the language asked for
            if w is full and user == w.leader2:
                assert 'name="csrfmiddlewaretoken"' in now  # the second-approval form
                assert "D&#x27;Arcy &lt;&amp;&gt;" in now
                assert "O&#x27;Neil &amp; Co" in now


def _decision(pk: int, **fields) -> Decision:
    values = {
        "law": "wmo",
        "product_category": "02",
        "product_code": "02A01",
        "volume": Decimal(4),
        "unit": "04",
        "frequency": "2",
        "starts_on": datetime.date(2026, 1, 5),
        "ends_on": datetime.date(2026, 12, 31),
        "requested_on": datetime.date(2025, 12, 24),
        "status": DecisionStatus.AANGEVRAAGD,
    }
    values.update(fields)
    decision = Decision(pk=pk, case_id=7, resident_id=3, **values)
    decision.resident = Resident(pk=3, first_name="Ann <&>", name_prefix="van 't", last_name="Z")
    return decision


def _terms() -> list:
    due = today() + datetime.timedelta(days=2)
    return [
        term_view(TrackedTerm(pk=1, case_id=7, key="wmo_beschikking", due_on=due)),
        term_view(TrackedTerm(pk=2, case_id=7, key="onbekend <x>", due_on=due, met_on=today())),
    ]


def _context(section, *, can_work=True, is_open=True):
    case = SimpleNamespace(pk=7, is_open=is_open)
    return {"section": section, "page": SimpleNamespace(can_work=can_work), "case": case}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("can_work", [True, False])
def test_the_section_is_the_same_on_odd_rows(language, can_work):
    approver = User(first_name="A<b>", last_name="O'C & D", username="x")
    rows = [
        DecisionRow(decision=_decision(1), terms=_terms(), can_approve=False),
        DecisionRow(
            decision=_decision(
                2,
                product_code="<&'\">",
                product_category="zz",
                law="geen",
                volume=Decimal("1234567.891"),
                unit="",
                frequency="",
                status="onbekend",
                outcome="weg",
                starts_on=None,
                ends_on=None,
                requested_on=None,
                deviates_from_protocol=True,
            ),
            terms=[],
            can_approve=True,
        ),
        DecisionRow(
            decision=_decision(
                3,
                status=DecisionStatus.BESLOTEN,
                outcome=DecisionOutcome.DEELS,
                volume=Decimal("0.10"),
                approved_by=approver,
            ),
            terms=_terms()[:1],
            can_approve=False,
        ),
        DecisionRow(
            decision=_decision(
                4, status=DecisionStatus.WACHT_OP_AKKOORD, outcome=DecisionOutcome.AFGEWEZEN
            ),
            terms=_terms(),
            can_approve=True,
        ),
    ]
    variants = [
        DecisionSection(rows=rows, may_decide=True, is_teamleader=True),
        DecisionSection(rows=rows, may_decide=False),
        DecisionSection(rows=rows[1:2], may_decide=True),
        DecisionSection(),
    ]
    with translation.override(language):
        for section in variants:
            for is_open in (True, False):
                context = _context(section, can_work=can_work, is_open=is_open)
                context["csrf_token"] = "tok<&>"
                now = render_to_string("cases/sections/decision.html", context)
                assert now == render_to_string(decision_html.ENGINE, context)
                del context["page"]  # included without the case page's ``page``
                now = render_to_string("cases/sections/decision.html", context)
                assert now == render_to_string(decision_html.ENGINE, context)
                del context["csrf_token"]
                now = render_to_string("cases/sections/decision.html", context)
                assert now == render_to_string(decision_html.ENGINE, context)
