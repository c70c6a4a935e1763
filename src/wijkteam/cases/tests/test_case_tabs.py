"""The case page in tabs: the overview by default, one stage per tab, each in fixed queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.cases.sections import TABS, case_url
from wijkteam.cases.services.terms import term_start
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import (
    CaseFactory,
    NetworkMemberFactory,
    ReportFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db

# Queries of one tab in a test (SQLite counts its savepoints as statements too): the frame
# (session, user, second factor, memberships, case, household, the access-log entry, involved
# members) plus the tab's own content. The benchmark's budget (bench/query_budget.json) is the
# exact figure per operation.
TAB_BUDGET = 22


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200
    return len(ctx), response.content.decode()


def _grow(case):
    for _ in range(3):
        ResidentFactory(household=case.household)
        NetworkMemberFactory(household=case.household)
        ReportFactory(
            team=case.team,
            resident=case.household.members.first(),
            case=case,
            status="casus",
            triage_outcome="onderzoek",
        )
    term_start(case=case, key="wmo_onderzoek", starts_on=datetime.date(2026, 2, 2))


@pytest.mark.parametrize("tab", [t.slug for t in TABS])
def test_every_tab_costs_the_same_queries_whatever_the_size_of_the_case(client_for, tab):
    case = CaseFactory(residents=1)
    client = client_for(case.coordinator)
    url = reverse("cases:detail", args=[case.pk]) + f"?onderdeel={tab}"
    client.get(url)
    small, _html = _count(client, url)
    _grow(case)
    large, html = _count(client, url)
    assert large == small
    assert small <= TAB_BUDGET
    # The open tab is marked in the case's own navigation (the main menu marks "Casussen").
    assert f'href="{case_url(case.pk, tab)}" aria-current="page"' in html


def test_the_overview_is_the_default_and_points_at_the_phase(client_for):
    case = CaseFactory()
    client = client_for(case.coordinator)
    html = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Wettelijke termijnen" in html  # the overview
    # aangemeld: the work is done in the onderzoek tab, and the overview links there
    assert f'href="{case_url(case.pk, "onderzoek")}">Verder bij Onderzoek</a>' in html
    unknown = client.get(reverse("cases:detail", args=[case.pk]) + "?onderdeel=bestaat-niet")
    assert unknown.status_code == 200 and "Wettelijke termijnen" in unknown.content.decode()


def test_a_tab_shows_only_its_own_part_and_the_log_says_which(client_for):
    case = CaseFactory()
    client = client_for(case.coordinator)
    html = client.get(reverse("cases:detail", args=[case.pk]) + "?onderdeel=plan").content.decode()
    assert 'id="plan"' in html
    assert "Wettelijke termijnen" not in html and 'id="decision"' not in html
    entry = AccessLogEntry.objects.filter(object_id=str(case.pk)).latest("id")
    assert entry.purpose == "casus geopend: plan"


def test_history_tab_holds_meldingen_phases_and_regie(client_for):
    case = CaseFactory()
    ReportFactory(team=case.team, resident=case.household.members.first(), case=case)
    html = (
        client_for(case.coordinator)
        .get(reverse("cases:detail", args=[case.pk]) + "?onderdeel=geschiedenis")
        .content.decode()
    )
    for anchor in ('id="meldingen"', 'id="fasegeschiedenis"', 'id="regiegeschiedenis"'):
        assert anchor in html


def test_case_url_names_the_tab_and_anchor():
    assert case_url(7) == "/casussen/7/"
    assert case_url(7, "plan") == "/casussen/7/?onderdeel=plan#plan"
    assert case_url(7, "intervention") == "/casussen/7/?onderdeel=inzet#intervention"
    assert case_url(7, "overzicht", "regie") == "/casussen/7/#regie"
