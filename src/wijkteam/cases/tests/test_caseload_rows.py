"""The caseload's rows written in Python are the rows of ``cases/_case_list_rows.html``, and the
page with that template put back is the old ``cases/case_list.html`` (issue 17)."""

import copy
import datetime
import hashlib
import re

import pytest
from django.conf import settings
from django.http import HttpResponse
from django.template import engines
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from wijkteam.cases import caseload_html
from wijkteam.cases.constants import CaseState
from wijkteam.cases.views import case as case_views
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import CaseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

# SHA-256 of ``cases/case_list.html`` before its rows moved to ``_case_list_rows.html``
# (main at 05317ce).
OLD_PAGE_SHA256 = "f743b781e5683f6604c9edfc460e546987804efc4b0f452b502088c3a5f4c9bb"
ODD = 'O\'Neil <&> "Zoë"'
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def page_with_row_template() -> str:
    """``cases/case_list.html`` with the rows template put back in place of ``{{ rows }}``."""
    engine = engines["django"].engine
    page = engine.get_template("cases/case_list.html").source
    rows = engine.get_template(caseload_html.ROWS_TEMPLATE).source
    rows = rows.removeprefix("{% load i18n fast_url %}").replace(
        "{% for c in cases %}", "{% for c in page.object_list %}"
    )
    assert page.count("  {{ rows }}") == 1
    return page.replace("  {{ rows }}", "  " + rows)


def test_the_rows_template_is_the_one_the_python_was_written_from():
    assert caseload_html.source_digest() == caseload_html.ROWS_SOURCE_SHA256


def test_the_page_with_its_rows_template_is_the_old_page():
    digest = hashlib.sha256(page_with_row_template().encode()).hexdigest()
    assert digest == OLD_PAGE_SHA256


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_rows_of_hand_made_cases_are_the_rows_of_the_template(language):
    odd = CaseFactory(household__name=ODD, residents=1)
    odd.household_hint = "Buurt <Oost> & 'West' · geboren 1950"
    odd.team.name = "Team 'A' <&>"
    odd.coordinator.first_name, odd.coordinator.last_name = "D'Arcy", "<b>&amp;</b>"
    plain = CaseFactory(onderzoek=True)
    plain.household_hint = ""
    bare = CaseFactory()
    bare.state = "<odd>"  # a state without a label: shown as it is
    cases = [odd, plain, bare]
    with translation.override(language):
        for shown in (cases, cases[:1], []):
            expected = render_to_string(caseload_html.ROWS_TEMPLATE, {"cases": shown})
            assert caseload_html.rows_html(shown) == expected


def test_a_changed_template_goes_back_to_the_engine(monkeypatch):
    monkeypatch.setattr(caseload_html, "ROWS_SOURCE_SHA256", "0" * 64)
    monkeypatch.setattr(caseload_html, "_known", {})
    calls = []

    def render(name, context):
        calls.append(name)
        return "engine"

    monkeypatch.setattr(caseload_html, "render_to_string", render)
    assert caseload_html.rows_html([]) == "engine"
    assert calls == [caseload_html.ROWS_TEMPLATE]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_caseload_page_is_the_old_page(client_for, monkeypatch, language):
    first = CaseFactory(residents=2, household__name=ODD)
    team = first.team
    first.coordinator.first_name, first.coordinator.last_name = "D'Arcy", "<b>&amp;</b>"
    first.coordinator.save()
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    for n in range(4):
        CaseFactory(team=team, residents=1, onderzoek=bool(n % 2), household__name=f"H {n} & zn")
    member = MembershipFactory(team=team).user
    params = [{}, {"pagina": "2"}, {"fase": CaseState.ONDERZOEK}, {"fase": CaseState.AFGESLOTEN}]
    for user in (leader, first.coordinator, member):
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switch
        new = [CSRF.sub("", client.get(reverse("cases:list"), p).content.decode()) for p in params]
        old_page = engines["django"].from_string(page_with_row_template())

        def render(request, name, context, page=old_page):
            assert name == "cases/case_list.html"
            return HttpResponse(page.render(context, request))

        monkeypatch.setattr(case_views, "render", render)
        old = [CSRF.sub("", client.get(reverse("cases:list"), p).content.decode()) for p in params]
        monkeypatch.undo()
        assert new == old
        assert all(f'<html lang="{language}"' in html for html in new)  # the language asked for
        assert escape(ODD) in new[0] or user == member


def test_every_state_and_odd_dates_are_the_templates():
    """The state's label (read once per language) and the date written directly (branch
    ``h-tl3``): every state, a state without a label, the year 999 and a datetime (through
    the filter), in nl and en in turn (the labels' cache is per language)."""
    base = CaseFactory(household__name=ODD)
    base.household_hint = ""
    cases = []
    for state in [*CaseState.values, "<odd>", ""]:
        case = copy.copy(base)
        case.state = state
        cases.append(case)
    cases[0].opened_on = datetime.date(999, 1, 2)
    cases[1].opened_on = datetime.date(2026, 12, 31)
    cases[2].opened_on = datetime.datetime(2026, 3, 4, 23, 30, tzinfo=datetime.UTC)
    for language in ("nl", "en", "nl"):
        with translation.override(language):
            expected = render_to_string(caseload_html.ROWS_TEMPLATE, {"cases": cases})
            assert caseload_html.rows_html(cases) == expected
            assert str(CaseState.ONDERZOEK.label) in expected
    with translation.override("en"):
        english = str(CaseState.ONDERZOEK.label)
    with translation.override("nl"):
        assert english != str(CaseState.ONDERZOEK.label)  # so the cache is per language
