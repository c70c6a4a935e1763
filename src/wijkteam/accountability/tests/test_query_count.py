"""Queries per request of the dashboard and the publication page: a fixed number, whatever the
number of teams, wijken, metrics or published tables (no query per row). The same numbers are
the budget in ``bench/query_budget.json`` (keys ``dashboard`` and ``publication``)."""

import datetime
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkteam.accountability import services
from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.months import months_from_days
from wijkteam.area.models import AreaFigures
from wijkteam.testing.factories import (
    DistrictFactory,
    NeighbourhoodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BUDGET = Path(__file__).resolve().parents[4] / "bench" / "query_budget.json"
DAY = datetime.date(2026, 4, 7)
METRICS = ("melding.totaal", "melding.kanaal.inloop", "maatwerk.besluit.02", "casus.afgesloten")

# Queries of one request: the session, the user, the TOTP device, … plus the page's own reads
# (the dashboard: the user's municipalities, the period's sums, the teams, the inhabitants, the
# wijken with the teams' work areas, the last snapshot run, the trends). The municipalities are
# read once per request (the view's scope and the selector both ask): 12 → 11 (branch h-tl3).
DASHBOARD = 11
PUBLICATION = 5


def build(teams: int) -> list:
    made = []
    for n in range(teams):
        team = TeamFactory(name=f"Team {n:02d}")
        district = DistrictFactory(name=f"Wijk {n:02d}")
        team.neighbourhoods.add(NeighbourhoodFactory(district=district))
        AreaFigures.objects.create(
            year=2025, level="wijk", code=district.cbs_code, district=district, inhabitants=1000
        )
        for metric in METRICS:
            for month in (1, 4):
                Aggregate.objects.create(
                    day=DAY.replace(month=month), team=team, district=district, law="wmo",
                    metric=metric, value=Decimal(20 + n),
                )  # fmt: skip
        made.append(team)
    months_from_days()
    return made


def count(client, url: str, params: dict | None = None) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params or {})
    assert response.status_code == 200, response.content[:300]
    return len(captured.captured_queries)


@pytest.mark.parametrize("teams", [2, 9])
def test_dashboard_queries_do_not_grow_with_the_teams(client_for, teams) -> None:
    made = build(teams)
    client = client_for(UserFactory(beleid=True))
    params = {"periode": "kwartaal", "van": "2026-04"}
    client.get("/verantwoording/", params)  # warm the session and the request cache
    assert count(client, "/verantwoording/", params) == DASHBOARD
    assert count(client, "/verantwoording/", {**params, "team": made[0].pk}) <= DASHBOARD + 1


@pytest.mark.parametrize("teams", [2, 9])
def test_publication_page_queries_do_not_grow(client_for, teams) -> None:
    build(teams)
    actor = UserFactory(beleid=True)
    overview = services.overview_save(
        actor=actor, title="K2", period_kind="kwartaal", period_month="2026-04", threshold=10
    )
    version = services.overview_publish(actor=actor, overview=overview)
    client = client_for(UserFactory(wmoraad=True))
    url = f"/verantwoording/publicaties/{version.pk}/"
    client.get(url)
    assert count(client, url) == PUBLICATION


def test_the_bench_budget_lists_both_pages() -> None:
    budget = json.loads(BUDGET.read_text())
    assert budget["dashboard"] >= DASHBOARD and budget["publication"] >= PUBLICATION


def test_the_users_municipalities_are_read_once_per_request(client_for) -> None:
    """``policies.municipality_ids``: one read per request, the same answer as without the
    request cache (outside a request every call reads), a copy for each caller."""
    from wijkteam.accountability import policies
    from wijkteam.core import request_cache

    made = build(2)
    other = TeamFactory(name="Elders")  # another municipality
    user = UserFactory(beleid=True)
    client = client_for(user)
    params = {"periode": "kwartaal", "van": "2026-04", "team": made[0].pk}
    client.get("/verantwoording/", params)
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/verantwoording/", params).status_code == 200
    reads = [q for q in captured if "municipality_id" in q["sql"] and "membership" in q["sql"]]
    assert len(reads) == 1
    assert policies.municipality_ids(user) is None  # no team: every municipality
    from wijkteam.testing.factories import MembershipFactory

    MembershipFactory(user=user, team=other)
    MembershipFactory(user=UserFactory(beleid=True), team=made[0])
    with CaptureQueriesContext(connection) as outside:
        first = policies.municipality_ids(user)
        assert policies.municipality_ids(user) == first == [other.municipality_id]
    assert len(outside) == 2  # outside a request: no cache
    token = request_cache._store.set({})
    try:
        with CaptureQueriesContext(connection) as inside:
            ids = policies.municipality_ids(user)
            assert ids == [other.municipality_id]
            ids.append(-1)  # a caller changing its list changes nobody else's
            assert policies.municipality_ids(user) == [other.municipality_id]
        assert len(inside) == 1
        assert policies.municipality_ids(UserFactory(wmoraad=True)) == []
    finally:
        request_cache._store.reset(token)
