"""The plan screen written in Python is the HTML of its template (issue 17, ``h-planform``).

``cases/plan/plan_form.html`` is ``{% plan_form_title %}`` and ``{% plan_form_content %}``
(``cases/plan_form_html.py``); the template it replaced is ``cases/plan/plan_form_engine.html``
(with ``cases/plan/_row.html`` and ``cases/_breadcrumbs.html``). Here: their sources are still
the texts the Python was written from (SHA-256), an edited template is rendered by the engine
again, and the whole page is the same through both (CSRF masked) and in the same number of
queries: the form of a plan with awkward texts (``'<&>"``), of no plan yet, a re-show with
field errors and with errors of the service (400), a conflict with the newest version and one
without a version, "add a goal" and "add an action", a closed case (no form; posted: the form
with the notice), in Dutch and in English.
"""

import datetime
import hashlib
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.cases import plan_form_html
from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case, PlanVersion
from wijkteam.cases.tests.test_plan_form_sameness import CSRF, _fields
from wijkteam.cases.tests.test_plan_section_html import _full_plan
from wijkteam.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.TEMPLATES[0]["DIRS"][0])
ODD = 'O\'Neil & <b>"Zoë"</b>'


def test_the_engine_templates_are_the_texts_the_python_was_written_from():
    """Edit ``plan_form_engine.html`` (or a template it includes) and this fails: change
    ``plan_form_html.py`` to match (and the hash), or the page goes back to the engine."""
    digest = hashlib.sha256((TEMPLATES / plan_form_html.ENGINE).read_text().encode()).hexdigest()
    assert digest == plan_form_html.ENGINE_SHA256
    for name, pinned in plan_form_html.INCLUDES.items():
        assert hashlib.sha256((TEMPLATES / name).read_text().encode()).hexdigest() == pinned
    plan_form_html._verified.clear()
    assert plan_form_html.engine_source_is_known()
    assert plan_form_html.template_name() == plan_form_html.TEMPLATE


@pytest.mark.parametrize("pinned", ["ENGINE_SHA256", "INCLUDES"])
def test_an_edited_template_is_rendered_by_the_engine(monkeypatch, client_for, pinned):
    case = CaseFactory(uitvoering=True)
    if pinned == "ENGINE_SHA256":
        monkeypatch.setattr(plan_form_html, "ENGINE_SHA256", "0" * 64)
    else:
        monkeypatch.setattr(
            plan_form_html, "INCLUDES", {**plan_form_html.INCLUDES, "cases/plan/_row.html": "0"}
        )
    monkeypatch.setattr(plan_form_html, "_verified", {})
    assert plan_form_html.template_name() == plan_form_html.ENGINE
    called = []
    monkeypatch.setattr(plan_form_html, "content", lambda context: called.append(1) or "")
    response = client_for(case.coordinator).get(reverse("cases:plan_edit", args=[case.pk]))
    assert response.status_code == 200 and not called
    assert "Plan opstellen" in response.content.decode() or "Draw up" in response.content.decode()


def _request(client, path, data):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path) if data is None else client.post(path, data)
    return response.status_code, CSRF.sub(r"\1…", response.content.decode()), len(queries)


def _both(client, path, data, monkeypatch):
    """The response through the Python writer and through the engine template."""
    plan_form_html._verified.clear()
    warm = _request(client, path, data)  # warm: per-process caches of a first request
    assert warm[0] != 302, "a post that saves would show its message on the next page only"
    now = _request(client, path, data)
    with monkeypatch.context() as patch:
        patch.setattr(plan_form_html, "template_name", lambda: plan_form_html.ENGINE)
        patch.setattr(plan_form_html, "content", None)  # the engine must not call it
        before = _request(client, path, data)
    return now, before


def _posts(data):
    return {
        "field_error": {**data, "actions-0-due_on": ["2026-13-45"], "goals-1-text": ["x" * 2000]},
        "service_error": {
            **data,
            "actions-0-description": [data["actions-0-description"][0] or "Iets <doen>"],
            "actions-0-owner_kind": [""],
            "actions-1-owner_kind": [""],
            "goals-0-text": [" "],
        },
        "stale": {**data, "expected_version": ["0"]},
        "add_goal": {**data, "add_goal": ["1"]},
        "add_action": {**data, "add_action": ["1"], "goals-0-text": [ODD]},
    }


def _client(client_for, user, language):
    """A logged-in client that chose ``language`` with the language switch (its cookie)."""
    client = client_for(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


def _close(case):
    """The case closed after its plan was saved (the service refuses a closed case)."""
    Case.objects.filter(pk=case.pk).update(
        state=CaseState.AFGESLOTEN,
        closed_on=datetime.date(2026, 3, 1),
        closure_outcome="bereikt",
        closure_reason="Doelen bereikt",
    )


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_plan_screen_is_the_same_through_the_engine(client_for, monkeypatch, language):
    awkward = CaseFactory(uitvoering=True, household__name=ODD)
    _full_plan(awkward)
    empty = CaseFactory(uitvoering=True, household__name="Kaal & <leeg>")
    closed = CaseFactory(uitvoering=True, household__name=ODD)
    _full_plan(closed)
    _close(closed)
    seen = []
    for case in (awkward, empty, closed):
        client = _client(client_for, case.coordinator, language)
        path = reverse("cases:plan_edit", args=[case.pk])
        now, before = _both(client, path, None, monkeypatch)
        assert now == before, (case, "get")
        seen.append(now[1])
        if case is closed:  # no form on the page: what the page had before closing
            assert 'name="goals-TOTAL_FORMS"' not in now[1]
            continue
        for key, post in _posts(_fields(now[1])).items():
            now, before = _both(client, path, post, monkeypatch)
            assert now[0] in (200, 400), (case, key)
            assert now == before, (case, key)
            seen.append(now[1])
        if case is awkward:
            closed_path = reverse("cases:plan_edit", args=[closed.pk])
            data = _fields(now[1])
            for key in ("field_error", "add_goal"):  # posted to a closed case: form + notice
                now, before = _both(
                    _client(client_for, closed.coordinator, language),
                    closed_path,
                    _posts(data)[key],
                    monkeypatch,
                )
                assert now == before and now[0] in (200, 400), ("closed", key)
                assert "utrecht-alert--warning" in now[1] and "<textarea" in now[1]
                seen.append(now[1])
    # A conflict without a version to show (the plan's versions gone).
    client = _client(client_for, awkward.coordinator, language)
    path = reverse("cases:plan_edit", args=[awkward.pk])
    data = _fields(_request(client, path, None)[1])
    PlanVersion.objects.filter(plan__case=awkward).delete()
    now, before = _both(client, path, {**data, "expected_version": ["0"]}, monkeypatch)
    assert now == before and now[0] == 400
    seen.append(now[1])
    assert all(f'<html lang="{language}"' in html for html in seen)  # the language asked for
    every = "".join(seen)
    assert "O&#x27;Neil &amp; &lt;b&gt;&quot;Zoë&quot;&lt;/b&gt;" in every
    for part in ('role="alert" id="form-fouten"', "utrecht-alert--warning", 'target="_blank"'):
        assert part in every, part
    assert 'name="goals-' in every and "<option" in every and "2026-13-45" in every
    expected = ("Save plan", "Goal 1") if language == "en" else ("Plan opslaan", "Doel 1")
    assert all(text in every for text in expected)
