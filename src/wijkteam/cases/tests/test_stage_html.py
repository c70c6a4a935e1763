"""The stage tabs' sections written in Python are the HTML of their templates (issue 17, ``h-tabs``).

``cases/sections/{investigation,assessment,intervention,evaluation}.html`` are
``{% load stage_tabs %}{% <name>_section %}`` (``cases/stage_html*.py``); the templates they
replaced are ``cases/sections/<name>_engine.html``. Here: each source is still the text the
Python was written from (SHA-256), an edited template is rendered by the engine again, and the
four stage tabs of the whole case page are the same through both (CSRF masked) and in the same
number of queries: a case with every part of every section filled in awkward texts
(``'<&>"``, line breaks, every kind of intervention and scale event, planned, overdue and held
evaluations, two instruments, a domain not measured again) and bare cases (open, closed), for
the regisseur, the beslisser, a teamleider and the cliëntondersteuner, in Dutch and English.
``test_stage_html_rows.py`` compares the sections alone on hand-made values.
"""

import datetime
import hashlib
import re
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wijkteam.cases import stage_html, stage_html_assessment, stage_html_intervention
from wijkteam.cases.models import (
    Allocation,
    Assessment,
    AssessmentScore,
    Conversation,
    Evaluation,
    Instrument,
    Intervention,
    Investigation,
    ScaleEvent,
    TimeEntry,
)
from wijkteam.testing.factories import CaseFactory, NetworkMemberFactory

from .test_decision_fixtures import build_world, decided

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
ODD = 'O\'Neil & <b>"Zoë"</b>'
PINNED = {
    "onderzoek": stage_html.INVESTIGATION,
    "metingen": stage_html_assessment.ASSESSMENT,
    "inzet": stage_html_intervention.INTERVENTION,
    "evaluatie": stage_html.EVALUATION,
}
DAY = datetime.timedelta(days=1)


@pytest.mark.parametrize("pinned", list(PINNED.values()), ids=list(PINNED))
def test_the_engine_template_is_the_text_the_python_was_written_from(pinned):
    """Edit a ``*_engine.html`` and this fails: change the Python to match (and the hash), or
    the tab goes back to the engine (next test)."""
    path = Path(settings.TEMPLATES[0]["DIRS"][0]) / pinned.engine
    assert hashlib.sha256(path.read_text().encode()).hexdigest() == pinned.sha256
    pinned.verified = None
    assert pinned.known()


@pytest.mark.parametrize("slug", list(PINNED))
def test_an_edited_engine_template_is_rendered_by_the_engine(monkeypatch, client_for, slug):
    case = CaseFactory(uitvoering=True)
    pinned = PINNED[slug]
    monkeypatch.setattr(pinned, "sha256", "0" * 64)
    monkeypatch.setattr(pinned, "verified", None)
    called = []
    original = pinned.render_engine
    monkeypatch.setattr(
        pinned, "render_engine", lambda context: called.append(1) or original(context)
    )
    path = f"{reverse('cases:detail', args=[case.pk])}?onderdeel={slug}"
    assert client_for(case.coordinator).get(path).status_code == 200
    assert called and pinned.verified is False


def _investigation(case, coordinator):
    today = timezone.localdate()
    inv = Investigation.objects.create(
        case=case,
        started_on=today - 20 * DAY,
        personal_plan_received_on=today - 9 * DAY,
        personal_plan_summary=f"Regel een {ODD}\nregel twee",
        conclusion=f"Conclusie {ODD}\n\nmet alinea",
    )
    members = list(case.household.members.order_by("pk"))
    network = NetworkMemberFactory(household=case.household, name=ODD)
    full = Conversation.objects.create(
        investigation=inv,
        held_on=today - 5 * DAY,
        place=f"Thuis {ODD}",
        client_supporter_present=True,
        other_participants=f"Tolk {ODD}",
        summary=f"Samenvatting {ODD}\nregel",
        recorded_by=coordinator,
    )
    full.residents.set(members)
    full.network_members.set([network])
    bare = Conversation.objects.create(
        investigation=inv,
        held_on=today - 3 * DAY,
        place="Kantoor",
        summary="",
        recorded_by=coordinator,
    )
    bare.residents.set(members[:1])


def _assessments(case, coordinator):
    today = timezone.localdate()
    resident = case.household.members.order_by("pk").first()
    for instrument in Instrument.objects.order_by("code")[:2]:
        domains = list(instrument.domains.order_by("order")[:3])
        for n, (moment, day) in enumerate((("intake", 30), ("tussentijds", 12), ("eind", 2))):
            a = Assessment.objects.create(
                case=case,
                resident=resident,
                instrument=instrument,
                moment=moment,
                measured_on=today - day * DAY,
                measured_by=coordinator,
            )
            scored = domains if n == 0 else domains[:2]  # the third domain measured once
            for d in scored:
                score = min(instrument.scale_max, instrument.scale_min + n + d.order % 3)
                AssessmentScore.objects.create(assessment=a, domain=d, score=score, reason=ODD)


def _interventions(w):
    today = timezone.localdate()
    case = w.case
    light = Intervention.objects.create(
        case=case,
        kind="lichte_ondersteuning",
        description=f"Administratie {ODD}",
        delivered_by=w.coordinator,
        starts_on=today - 7 * DAY,
        created_by=w.coordinator,
    )
    for hours in (Decimal("1.25"), Decimal("2.5")):
        TimeEntry.objects.create(
            intervention=light, member=w.coordinator, worked_on=today, hours=hours
        )
    ScaleEvent.objects.create(intervention=light, change="op", reason=ODD, by=w.coordinator)
    ScaleEvent.objects.create(
        intervention=light, change="af", new_volume=Decimal("3.50"), reason="Minder", by=w.leader
    )
    Intervention.objects.create(
        case=case,
        kind="lichte_ondersteuning",
        description="Nog geen uren",
        delivered_by=w.coordinator,
        starts_on=today,
        created_by=w.coordinator,
    )
    Intervention.objects.create(
        case=case,
        kind="algemene_voorziening",
        description="Maaltijden",
        provision_name=f"Eethuis {ODD}",
        starts_on=today - 3 * DAY,
        ends_on=today + 30 * DAY,
        status="beeindigd",
        created_by=w.coordinator,
    )
    decision = decided(w)
    for n, own in enumerate((False, True)):
        care = Intervention.objects.create(
            case=case,
            kind="maatwerk",
            description=f"Begeleiding {n}",
            starts_on=today,
            created_by=w.coordinator,
        )
        Allocation.objects.create(
            intervention=care,
            decision=decision,
            provider=w.provider,
            product_category="02",
            volume=Decimal("1234.5") if own else Decimal(4),
            unit="04",
            frequency="2",
            allocation_number=f"T-{case.pk}-{n}",
            own_employer=own,
            own_employer_reason=ODD if own else "",
            allocated_by=w.coordinator,
        )
        ScaleEvent.objects.create(
            intervention=care,
            change="op",
            old_volume=Decimal(4),
            new_volume=Decimal("6.75"),
            reason="Meer",
            by=w.coordinator,
        )
    Intervention.objects.create(
        case=case,
        kind="maatwerk",
        description="Zonder toewijzing",
        starts_on=today,
        created_by=w.coordinator,
    )


def _evaluations(case, coordinator):
    today = timezone.localdate()
    for days in (-12, -1, 0, 14):
        Evaluation.objects.create(case=case, planned_on=today + days * DAY)
    Evaluation.objects.create(
        case=case,
        planned_on=today - 40 * DAY,
        held_on=today - 38 * DAY,
        outcome="afschalen",
        notes=" ".join(f"woord{i} {ODD}" for i in range(30)),
        held_by=coordinator,
    )
    Evaluation.objects.create(
        case=case,
        planned_on=today - 60 * DAY,
        held_on=today - 59 * DAY,
        outcome="voortzetten",
        notes="",
    )


def _get(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return CSRF.sub(r"\1…", response.content.decode()), len(queries)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_stage_tab_is_the_same_through_the_engine(client_for, monkeypatch, language):
    full = build_world()
    _investigation(full.case, full.coordinator)
    _assessments(full.case, full.coordinator)
    _interventions(full)
    _evaluations(full.case, full.coordinator)
    bare = build_world()
    closed = CaseFactory(afgesloten=True)
    _investigation(closed, closed.coordinator)
    _evaluations(closed, closed.coordinator)
    seen = []
    with translation.override(language):
        for case, users in (
            (full.case, (full.coordinator, full.beslisser, full.leader, full.supporter)),
            (bare.case, (bare.coordinator, bare.leader)),
            (closed, (closed.coordinator,)),
        ):
            for user in users:
                client = client_for(user)
                client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the page's language
                for slug, pinned in PINNED.items():
                    path = f"{reverse('cases:detail', args=[case.pk])}?onderdeel={slug}"
                    pinned.verified = None
                    _get(client, path)  # warm: per-process caches of a first request
                    now = _get(client, path)
                    with monkeypatch.context() as patched:
                        patched.setattr(pinned, "verified", False)  # the engine
                        before = _get(client, path)
                    assert now[0] == before[0], (user, path)
                    assert now[1] == before[1], (user, path)
                    seen.append(now[0])
    every = "".join(seen)
    for part in (  # the awkward parts were on the pages compared
        f'<html lang="{language}"',
        "O&#x27;Neil &amp; &lt;b&gt;&quot;Zoë&quot;&lt;/b&gt;",
        "<br>regel",
        "<svg",
        "wt-status--overdue",
        "1234,50" if language == "nl" else "1234.50",
        "→",
        reverse("cases:time_entry_add", args=[full.case.pk, Intervention.objects.first().pk]),
    ):
        assert part in every, part
