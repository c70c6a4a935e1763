"""The plan screen renders the same HTML with its fields written in Python (issue 17).

The plan form, its goals and actions formsets render through ``core.direct_render``'s
``DirectFormRenderer``. Here the form is opened, posted with a field error, with an error of
the service, with a stale version, and with "add a goal" and "add an action", once as now and
once as before (every template through the template engine), and the whole pages are compared
(only the per-request CSRF token masked).
"""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.constants import ActionStatus, GoalStatus, OwnerKind
from wijkteam.cases.models import Plan
from wijkteam.cases.services.plan import (
    ActionData,
    GoalData,
    plan_for_case,
    plan_save,
    plan_snapshot,
)
from wijkteam.core.direct_render import DirectFormRenderer
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    CaseFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')
TODAY = timezone.localdate()


@pytest.fixture
def plan_case():
    case = CaseFactory(uitvoering=True)
    member = MembershipFactory(team=case.team).user
    provider = OrganisationFactory(municipality=case.team.municipality, name="Zorg & <Co>")
    OrganisationFactory(municipality=case.team.municipality, aanbieder=True)
    map_org = MapOrganisationFactory(municipality=case.team.municipality)
    service = MapServiceFactory(organisation=map_org, name='Koffie "ochtend"')
    MapServiceFactory(organisation=map_org, general_provision=False)
    plan_save(
        actor=case.coordinator,
        case=case,
        expected_version=None,
        goals=[
            GoalData(text="Ik wil mijn <administratie> op orde & rust.", domain="financien"),
            GoalData(text="Weer mensen zien.", domain="sociaal_netwerk"),
            GoalData(text="Zonder leefgebied", status=GoalStatus.BEREIKT),
        ],
        actions=[
            ActionData(
                description="Samen de post openen",
                owner_kind=OwnerKind.NETWERK,
                owner_name='Dochter "Fatima"',
                goal=0,
                due_on=TODAY + datetime.timedelta(days=7),
            ),
            ActionData(
                description="Budgetcoach regelen",
                owner_kind=OwnerKind.TEAM,
                owner_user_id=member.pk,
                goal=0,
                status=ActionStatus.BEZIG,
            ),
            ActionData(
                description="Dagbesteding",
                owner_kind=OwnerKind.AANBIEDER,
                owner_organisation_id=provider.pk,
                goal=1,
            ),
            ActionData(
                description="Naar de koffieochtend",
                owner_kind=OwnerKind.ALGEMENE_VOORZIENING,
                owner_name="Welzijn",
                service_id=service.pk,
            ),
        ],
        discussed_on=TODAY,
        agreed_on=TODAY,
        agreement_note="mondeling <aan> tafel",
    )
    return case


def _fields(html: str) -> dict[str, list[str]]:
    """The form's fields as the browser posts them (inputs, textareas, selected options)."""
    data: dict[str, list[str]] = {}
    for name, value in re.findall(
        r'<input type="(?:hidden|text|date)" name="([^"]+)"'
        r'(?: value="([^"]*)")?',
        html,
    ):
        data.setdefault(name, []).append(value)
    for name, value in re.findall(r'<textarea name="([^"]+)"[^>]*>\n(.*?)</textarea>', html, re.S):
        data.setdefault(name, []).append(value)
    for name, options in re.findall(r'<select name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        chosen = re.findall(r'<option value="([^"]*)" selected>', options)
        data.setdefault(name, []).append(chosen[0] if chosen else "")
    data.pop("csrfmiddlewaretoken", None)
    return {k: [_unescape(v) for v in vs] for k, vs in data.items()}


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)


def _pages(case, client_for) -> dict[str, str]:
    client = client_for(case.coordinator)
    path = reverse("cases:plan_edit", args=[case.pk])
    out = {}
    page = client.get(path)
    assert page.status_code == 200
    out["get"] = page.content.decode()
    data = _fields(out["get"])
    assert data["goals-TOTAL_FORMS"] == ["4"] and data["actions-TOTAL_FORMS"] == ["5"]
    posts = {
        "field_error": {**data, "actions-0-due_on": ["2026-13-45"], "goals-1-text": ["x" * 2000]},
        "service_error": {**data, "actions-1-owner_kind": [""], "goals-0-text": [" "]},
        "stale": {**data, "expected_version": ["0"]},
        "add_goal": {**data, "add_goal": ["1"]},
        "add_action": {**data, "add_action": ["1"], "goals-3-text": ["Nieuw <doel>"]},
    }
    for key, post in posts.items():
        response = client.post(path, post)
        assert response.status_code in (200, 400), key
        out[key] = response.content.decode()
    return {key: CSRF.sub(r"\1…", html) for key, html in out.items()}


def test_the_plan_screen_is_the_same_as_with_the_templates(plan_case, client_for, monkeypatch):
    now = _pages(plan_case, client_for)
    with monkeypatch.context() as patch:
        patch.setattr(DirectFormRenderer, "direct", lambda self, name: None)
        before = _pages(plan_case, client_for)
    assert set(now) == set(before)
    for key, html in now.items():
        assert "<option" in html and "<textarea" in html, key
        assert before[key] == html, key
    assert (
        "2026-13-45" in now["field_error"] and "utrecht-form-field--invalid" in now["field_error"]
    )
    assert "Iemand anders heeft het plan intussen" in now["stale"]
    assert 'name="goals-4-text"' in now["add_goal"]
    assert 'name="actions-5-description"' in now["add_action"]


def _stored(case) -> dict[str, object]:
    plan = Plan.objects.get(case=case)
    versions = list(plan.versions.order_by("number").values("number", "snapshot", "changes"))
    audit = list(
        AuditEvent.objects.filter(object_type="cases.Plan", object_id=str(plan.pk))
        .order_by("pk")
        .values("action", "object_repr", "changes")
    )
    log = list(
        AccessLogEntry.objects.filter(object_type="cases.Plan", object_id=str(plan.pk))
        .order_by("pk")
        .values("action", "purpose", "resident_ids")
    )
    return {"version": plan.version, "versions": versions, "audit": audit, "log": log}


def test_a_save_through_the_screen_stores_plan_versions_audit_and_log(plan_case, client_for):
    """One goal's words changed, then a goal and an action removed: the rows, the versions
    (snapshot and changes), the audit events and the access-log entries are as the service
    writes them, in fewer statements (no delete when nothing is removed, no re-read of the
    team or the household)."""
    client = client_for(plan_case.coordinator)
    path = reverse("cases:plan_edit", args=[plan_case.pk])
    data = _fields(client.get(path).content.decode())
    data["goals-1-text"] = ["Weer mensen zien (bijgewerkt)."]
    with CaptureQueriesContext(connection) as ctx:
        assert client.post(path, data).status_code == 302
    deletes = [q["sql"] for q in ctx.captured_queries if "DELETE" in q["sql"]]
    assert not deletes
    data = _fields(client.get(path).content.decode())
    data["goals-2-DELETE"] = ["on"]
    data["actions-3-DELETE"] = ["on"]
    assert client.post(path, data).status_code == 302

    stored = _stored(plan_case)
    plan = Plan.objects.get(case=plan_case)
    residents = sorted(plan_case.household.members.values_list("pk", flat=True))
    assert stored["version"] == 3
    assert [g.text for g in plan.goals.order_by("order")] == [
        "Ik wil mijn <administratie> op orde & rust.",
        "Weer mensen zien (bijgewerkt).",
    ]
    assert plan.actions.count() == 3
    versions = stored["versions"]
    assert [v["number"] for v in versions] == [1, 2, 3]
    assert versions[1]["changes"] == [
        "Doel gewijzigd: „Weer mensen zien.” → „Weer mensen zien (bijgewerkt).”"
    ]
    assert versions[2]["changes"] == [
        "Doel verwijderd: „Zonder leefgebied”",
        "Actie verwijderd: „Naar de koffieochtend”",
    ]
    current = plan_for_case(plan_case)
    assert current is not None
    assert versions[2]["snapshot"] == plan_snapshot(
        current, list(current.goals.all()), list(current.actions.all())
    )
    assert [a["changes"] for a in stored["audit"]] == [
        {"version": [None, 1], "goals": 3, "actions": 4},
        {"version": [1, 2], "goals": 3, "actions": 4},
        {"version": [2, 3], "goals": 2, "actions": 3},
    ]
    assert [(e["action"], e["purpose"], e["resident_ids"]) for e in stored["log"]] == [
        ("create", "plan opgesteld", residents),
        ("change", "plan gewijzigd", residents),
        ("change", "plan gewijzigd", residents),
    ]
