"""The plan tab's section written in Python is the HTML of its template (issue 17, ``h-plan2``).

``cases/sections/plan.html`` is ``{% plan_section %}`` (``cases/plan_html.py``); the template it
replaced is ``cases/sections/plan_engine.html``. Here: its source is still the text the Python
was written from (SHA-256), an edited template is rendered by the engine again, and the whole
case page on the plan tab is the same through both (CSRF masked) for no plan, a plan without
goals, actions or versions, a plan with many of them in every status, owner kind and agreement
state, texts with ``'<&>`` and line breaks, for the regisseur on an open and on a closed case
(no status forms), in Dutch and in English; and the section alone on hand-made edge cases (an
owner missing, a domain without a name, a status outside the choices, a user who may not work
on the case).
"""

import datetime
import hashlib
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wijkteam.cases import plan_html
from wijkteam.cases.constants import ActionStatus, GoalStatus, OwnerKind
from wijkteam.cases.models import Action, Goal, InstrumentDomain, Plan
from wijkteam.cases.services.plan import ActionData, GoalData, plan_save
from wijkteam.cases.stages.plan import PlanSection
from wijkteam.testing.factories import (
    CaseFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
TODAY = timezone.localdate()
ENGINE_FILE = Path(settings.TEMPLATES[0]["DIRS"][0]) / plan_html.ENGINE


def test_the_engine_template_is_the_text_the_python_was_written_from():
    """Edit ``plan_engine.html`` and this fails: change ``plan_html.py`` to match (and the
    hash), or the page goes back to the engine (next test)."""
    digest = hashlib.sha256(ENGINE_FILE.read_text().encode()).hexdigest()
    assert digest == plan_html.ENGINE_SHA256
    plan_html._verified.clear()
    assert plan_html.engine_source_is_known()


def test_an_edited_engine_template_is_rendered_by_the_engine(monkeypatch):
    monkeypatch.setattr(plan_html, "ENGINE_SHA256", "0" * 64)
    monkeypatch.setattr(plan_html, "_verified", {})
    called = []
    monkeypatch.setattr(plan_html, "_engine", lambda context: called.append(1) or "engine")
    html = render_to_string("cases/sections/plan.html", _context(_section([], [])))
    assert html == "engine" and called


def _world(case):
    member = MembershipFactory(team=case.team, user__first_name="Zoë", user__last_name="O'Neil")
    provider = OrganisationFactory(
        municipality=case.team.municipality, name=f"Zorg & <Co> {case.pk}"
    )
    map_org = MapOrganisationFactory(municipality=case.team.municipality)
    general = MapServiceFactory(organisation=map_org, name='Koffie "ochtend" & <meer>')
    special = MapServiceFactory(organisation=map_org, general_provision=False, name="Maatwerk")
    return member, provider, general, special


def _full_plan(case, *, agreed=True, discussed=True):
    member, provider, general, special = _world(case)
    long_text = "Ik wil mijn <administratie> op orde & 'rust' in mijn hoofd hebben, echt waar."
    kinds = list(OwnerKind)
    statuses = list(ActionStatus)
    plan_save(
        actor=case.coordinator,
        case=case,
        expected_version=None,
        goals=[
            GoalData(text=long_text, domain="financien"),
            GoalData(text="Weer\nmensen\r\nzien.", domain="sociaal_netwerk"),
            *(GoalData(text=f"Doel {i} <&>", status=status) for i, status in enumerate(GoalStatus)),
        ],
        actions=[
            ActionData(
                description=f"Actie {i} 'x' <&>",
                owner_kind=kinds[i % len(kinds)],
                owner_user_id=member.user_id if kinds[i % len(kinds)] == OwnerKind.TEAM else None,
                owner_organisation_id=(
                    provider.pk if kinds[i % len(kinds)] == OwnerKind.AANBIEDER else None
                ),
                owner_name="Buurvrouw <Els>" if i % 2 else "Jan & Piet",
                service_id=(general.pk, special.pk, None)[i % 3],
                goal=(i % 3) if i % 4 else None,
                due_on=TODAY + datetime.timedelta(days=i * 5 - 20) if i % 3 else None,
                status=statuses[i % len(statuses)],
            )
            for i in range(14)
        ],
        discussed_on=TODAY - datetime.timedelta(days=3) if discussed else None,
        agreed_on=TODAY if agreed else None,
        agreement_note="mondeling <aan> tafel & 'zo'" if agreed else "",
    )


def _page(client, case) -> str:
    path = reverse("cases:detail", args=[case.pk]) + "?onderdeel=plan"
    response = client.get(path)
    assert response.status_code == 200
    return CSRF.sub(r"\1…", response.content.decode())


def _client(client_for, user, language: str):
    """A logged-in client that chose ``language`` with the language switch (its cookie)."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _both(client, case, monkeypatch) -> tuple[str, str]:
    plan_html._verified.clear()
    now = _page(client, case)
    with monkeypatch.context() as patched:
        patched.setattr(plan_html, "_verified", {plan_html.ENGINE: False})  # the engine
        before = _page(client, case)
    return now, before


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_plan_tab_is_the_same_through_the_engine(client_for, monkeypatch, language):
    full = CaseFactory(uitvoering=True)
    _full_plan(full)
    discussed = CaseFactory(uitvoering=True)
    _full_plan(discussed, agreed=False)
    undiscussed = CaseFactory(uitvoering=True)
    _full_plan(undiscussed, agreed=False, discussed=False)
    no_plan = CaseFactory(uitvoering=True)
    bare = CaseFactory(uitvoering=True)
    Plan.objects.create(case=bare)  # no goals, no actions, no version
    empty = CaseFactory(uitvoering=True)
    plan_save(actor=empty.coordinator, case=empty, expected_version=None, goals=[], actions=[])
    closed = CaseFactory(afgesloten=True)
    Plan.objects.create(case=closed)
    seen = set()
    for case in (full, discussed, undiscussed, no_plan, bare, empty, closed):
        now, before = _both(_client(client_for, case.coordinator, language), case, monkeypatch)
        assert now == before, case
        assert f'<html lang="{language}"' in now  # the language asked for
        seen.add(now.count('name="status"'))
        if case is full:
            assert "O&#x27;Neil" in now and "Zorg &amp; &lt;Co&gt;" in now
    assert 14 in seen and 0 in seen  # the status forms were there, and not there


def _section(goals, actions, **plan_fields):
    plan = Plan(pk=1, case_id=1, version=3, **plan_fields)
    latest = SimpleNamespace(
        changed_by=UserFactory.build(first_name="A<b>", last_name="O'C & D"),
        changed_at=timezone.now(),
    )
    return PlanSection(
        plan=plan,
        goals=goals,
        actions=actions,
        latest=latest,  # type: ignore[arg-type]
        status_choices=[(s.value, str(s.label)) for s in ActionStatus],
        overdue_ids=frozenset(a.pk for a in actions[:1]),
    )


def _context(section, *, can_work=True):
    case = SimpleNamespace(pk=7, is_open=True)
    return {"section": section, "page": SimpleNamespace(can_work=can_work), "case": case}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("can_work", [True, False])
def test_the_section_is_the_same_on_odd_rows(language, can_work):
    nameless = InstrumentDomain(code="x", name="")
    named = InstrumentDomain(code="y", name="Geld & <schulden>")
    goals = [
        Goal(pk=1, text="één\ntwee <&>", status=GoalStatus.OPEN, domain=nameless),
        Goal(pk=2, text=" ".join(f"w{i}" for i in range(20)), status="onbekend", domain=named),
        Goal(pk=3, text="", status=GoalStatus.NIET),
    ]
    actions = [
        Action(pk=10, description="<b>team</b>", owner_kind=OwnerKind.TEAM, status="open"),
        Action(pk=11, description="aanbieder", owner_kind=OwnerKind.AANBIEDER, status="weg"),
        Action(
            pk=12,
            description="'x'",
            owner_kind="",
            owner_name="<i>",
            goal=goals[1],
            due_on=datetime.date(2026, 1, 31),
            status=ActionStatus.GEDAAN,
        ),
    ]
    variants = [
        _section(goals, actions, agreed_on=TODAY, agreement_note=""),
        _section(goals, actions, agreed_on=TODAY, discussed_on=TODAY, agreement_note="<&>"),
        _section([], [], discussed_on=TODAY),
        _section([], []),
        PlanSection(plan=None),
    ]
    with translation.override(language):
        for section in variants:
            context = _context(section, can_work=can_work)
            now = render_to_string("cases/sections/plan.html", context)
            before = render_to_string(plan_html.ENGINE, context)
            assert now == before
            del context["page"]  # included without the case page's ``page``: not working
            now = render_to_string("cases/sections/plan.html", context)
            assert now == render_to_string(plan_html.ENGINE, context)
