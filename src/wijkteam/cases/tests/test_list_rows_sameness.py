"""The work queue, the team's overview, the caseload and the start page render the same HTML,
with the same number of queries and the same access-log entries, as before issue 17 part 3.

Before: the households' members were loaded as ``Resident`` objects (``prefetch_related``) for
the hints and the access log; the queue's member filter loaded whole users; the start page
loaded the memberships with the mandate and the functions. Now: the members as tuples
(:func:`~wijkteam.cases.selectors_hints.household_hints_from_rows`), the filter's users with
only their names, the memberships with their roles only. Each page is rendered once as now and
once with the old code patched back in, and compared as a whole (CSRF token masked).
"""

import datetime
import re
from typing import Any

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.accounts.models import User
from wijkteam.cases import selectors, selectors_queue
from wijkteam.cases.models import Case, Evaluation, TrackedTerm
from wijkteam.cases.selectors_hints import household_hints, prefetch_members, report_hints
from wijkteam.cases.selectors_queue_sql import load_report_residents
from wijkteam.home import views as home_views
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation import selectors as org_selectors
from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.models import Membership
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    ReportFactory,
    ResidentFactory,
)

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


def _legacy_hints(user: User, cases: Any) -> list[int]:
    """Before: the members as model objects (``prefetch_related``), then the hints."""
    cases = list(cases)
    prefetch_members(cases)
    household_hints(user, cases)
    return sorted({r.pk for c in cases for r in c.household.members.all()})


def _legacy_queue_hints(user: User, cases: list[Case], reports: list[Any]) -> list[int]:
    """Before: the hints of the cases and of the meldingen each with their own consent read."""
    if reports:
        load_report_residents(reports)
    residents = _legacy_hints(user, cases)
    if reports:
        report_hints(user, reports)
    return residents


def _legacy_team_queue_members(*, user: User) -> list[User]:
    leader_teams = org_policies.leader_team_ids(user)
    if not leader_teams:
        return []
    return list(
        User.objects.filter(memberships__team_id__in=leader_teams)
        .distinct()
        .order_by("first_name", "last_name", "pk")
    )


def _legacy_team_roles(*, user: User) -> QuerySet[Membership]:
    return org_selectors.my_memberships(user=user)


@pytest.fixture
def pages():
    today = timezone.localdate()
    first = CaseFactory(uitvoering=True, residents=0)
    team = first.team
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    outsider = MembershipFactory(team=team, organisation=OrganisationFactory()).user
    buurt = NeighbourhoodFactory(district__municipality=team.municipality)
    cases = [first] + [
        CaseFactory(team=team, coordinator=first.coordinator, uitvoering=n % 2 == 0, residents=0)
        for n in range(5)
    ]
    for n, case in enumerate(cases):
        # Members in varying order: the hoofdbewoner first, later or absent; a buurt or none.
        relations = [HouseholdRelation.KIND, HouseholdRelation.HOOFDBEWONER]
        if n % 3 == 1:
            relations = [HouseholdRelation.HOOFDBEWONER, HouseholdRelation.PARTNER]
        elif n % 3 == 2:
            relations = [HouseholdRelation.PARTNER, HouseholdRelation.KIND]
        for k, relation in enumerate(relations):
            ResidentFactory(
                household=case.household,
                household_relation=relation,
                neighbourhood=buurt if (n + k) % 2 else None,
                street="" if n == 4 else "Dorpsstraat",
                date_of_birth=datetime.date(1950 + n, 1 + k, 1),
            )
        TrackedTerm.objects.create(
            case=case,
            key="wmo_onderzoek",
            starts_on=today - datetime.timedelta(days=20),
            due_on=today + datetime.timedelta(days=n - 2),
        )
        Evaluation.objects.create(case=case, planned_on=today + datetime.timedelta(days=n))
        if n < 3:
            case.involved_members.add(outsider)
    Case.objects.filter(pk=cases[5].pk).update(
        state="afgesloten",
        closed_on=datetime.date(2026, 3, 1),
        closure_outcome="bereikt",
        closure_reason="Doelen bereikt",
    )
    ReportFactory(team=team)
    queue, team_queue = reverse("cases:queue"), reverse("cases:team_queue")
    member_paths = ["/", queue]
    leader_paths = [
        reverse("cases:list"),
        f"{reverse('cases:list')}?fase=uitvoering",
        team_queue,
        f"{team_queue}?lid={first.coordinator.pk}",
        f"{team_queue}?lid={outsider.pk}",
        queue,
        "/",
        "/api/cases/",
        "/api/work-queue/?team=1",
    ]
    return [
        (first.coordinator, member_paths),
        (outsider, [*member_paths, reverse("cases:list")]),
        (leader, leader_paths),
    ]


def _render_all(pages, client_for) -> dict[str, tuple[str, int, list[int] | None]]:
    out = {}
    for user, paths in pages:
        client = client_for(user)
        for path in paths:
            before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first()
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, path
            entry = AccessLogEntry.objects.filter(pk__gt=before or 0).order_by("-pk").first()
            html = CSRF.sub(r"\1…", response.content.decode())
            logged = list(entry.resident_ids) if entry is not None else None
            out[f"{user.pk} {path}"] = (html, len(queries), logged)
    return out


def test_lists_and_start_page_are_the_same_as_before(pages, client_for, monkeypatch):
    outsider = pages[1][0]
    _render_all(pages, client_for)  # warm up: a first request fills caches (session, URLs)
    now = _render_all(pages, client_for)
    with monkeypatch.context() as patch:
        patch.setattr(selectors_queue, "_hints", _legacy_queue_hints)
        patch.setattr(selectors, "household_hints_from_rows", _legacy_hints)
        patch.setattr(selectors_queue, "team_queue_members", _legacy_team_queue_members)
        from wijkteam.cases.api import case as case_api
        from wijkteam.cases.views import case as case_views

        patch.setattr(case_views, "team_queue_members", _legacy_team_queue_members)
        patch.setattr(case_api, "team_queue_members", _legacy_team_queue_members)
        patch.setattr(home_views.selectors, "my_team_roles", _legacy_team_roles)
        before = _render_all(pages, client_for)
    hints = 0
    for key, (html, queries, logged) in now.items():
        old_html, old_queries, old_logged = before[key]
        assert html == old_html, key
        assert logged == old_logged, key
        if key.endswith(" /"):  # the start page no longer loads the mandate and the functions
            assert queries == old_queries - 2, key
        elif key == f"{outsider.pk} {reverse('cases:queue')}":
            # a member of another organisation: the consents of the queue's cases and of its
            # melding in one statement instead of two (``case_and_report_ids_showing``)
            assert queries == old_queries - 1, key
        else:
            assert queries == old_queries, key
        hints += html.count('class="wt-hint"') + html.count("geboren ")
    assert hints  # some hints are shown (and some are not: the outsider has no consent)
