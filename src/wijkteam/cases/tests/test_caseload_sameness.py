"""The caseload page: compiled page rows give what the ORM's paginator gives (issue 17).

The old path: ``Paginator(caseload_queryset(...)).get_page(n)`` and, for the whole page, every
statement as an ordinary queryset (``compiled.MAX_SHAPES = 0``). Compared: the cases, their
order and related objects, the page numbers, the access-log entries and the rendered HTML.
"""

import re

import pytest
from django.conf import settings
from django.core.paginator import Paginator
from django.urls import reverse

from wijkteam.cases import selectors
from wijkteam.cases.constants import CaseState
from wijkteam.cases.selectors_caseload import caseload_queryset
from wijkteam.core import compiled
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import CaseFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGES = [1, 2, 3, 4, 0, 99]


@pytest.fixture(autouse=True)
def _small_pages(monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    compiled.clear()
    yield
    compiled.clear()


@pytest.fixture
def world():
    first = CaseFactory(residents=2, household__name="O'Brien <&>")
    team = first.team
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    cases = [first]
    for i in range(4):
        cases.append(CaseFactory(team=team, residents=1, onderzoek=bool(i % 2)))
    other = CaseFactory(residents=1)  # another team: out of the leader's scope
    MembershipFactory(team=other.team, user=leader)
    member = MembershipFactory(team=team).user
    cases[1].involved_members.add(member)
    return [leader, first.coordinator, member, other.coordinator, UserFactory()]


def _fields(case):
    return (
        case.pk, case.state, case.household.pk, case.household.name, case.team.name,
        case.coordinator.pk if case.coordinator else None,
    )  # fmt: skip


def _listing(user, state: str, number: int):
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page = selectors.case_list(user=user, state=state, page=number)
    entries = list(
        AccessLogEntry.objects.filter(pk__gt=before)
        .order_by("pk")
        .values_list("user_id", "action", "purpose", "resident_ids")
    )
    rows = [_fields(c) for c in page.object_list]
    hints = [getattr(c, "household_hint", None) for c in page.object_list]
    return rows, hints, page.number, page.paginator.count, page.paginator.num_pages, entries


def test_page_rows_are_the_paginators(world):
    for user in world:
        for state in ("", CaseState.ONDERZOEK):
            for number in PAGES:
                for _ in range(2):
                    got = selectors.case_list(user=user, state=state, page=number)
                    want = Paginator(caseload_queryset(user, state, None), 2).get_page(number)
                    assert [_fields(c) for c in got.object_list] == [
                        _fields(c) for c in want.object_list
                    ]
                    assert (got.number, got.paginator.count) == (
                        want.number,
                        want.paginator.count,
                    )
    assert [k for k in compiled._cache() if k[0][0] == ("cases.caseload", False, False)]


def test_caseload_and_access_log_as_without_compiling(world, monkeypatch):
    args = [(u, s, n) for u in world for s in ("", CaseState.ONDERZOEK) for n in PAGES]
    new = [_listing(*a) for a in args]
    monkeypatch.setattr(compiled, "MAX_SHAPES", 0)
    compiled.clear()
    old = [_listing(*a) for a in args]
    assert new == old
    assert new[0][3] == 5  # the teamleider sees the five cases of the team


def _page(client, params: dict[str, str]) -> str:
    html = client.get(reverse("cases:list"), params).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_caseload_page_is_the_same_html(world, client_for, monkeypatch, language):
    params = [{"pagina": str(n)} for n in PAGES] + [{"fase": CaseState.ONDERZOEK}, {"fase": "x"}]
    for user in world[:3]:
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switch
        new = [_page(client, p) for p in params]
        monkeypatch.setattr(compiled, "MAX_SHAPES", 0)
        compiled.clear()
        old = [_page(client, p) for p in params]
        monkeypatch.setattr(compiled, "MAX_SHAPES", 512)
        assert new == old
        assert all(f'<html lang="{language}"' in html for html in new)  # the language asked for


def test_the_count_is_compiled_and_is_counts(world):
    """The caseload's count runs compiled: ``count()``'s statement but for the alias
    (``"n"`` for ``"__count"``), the same number for every user and filter, no statement more."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from wijkteam.cases.selectors_caseload import caseload_paginator

    for user in world:
        for state in ("", CaseState.ONDERZOEK, CaseState.AFGESLOTEN):
            for _ in range(2):
                qs = caseload_queryset(user, state, None)
                with CaptureQueriesContext(connection) as old:
                    want = qs.count()
                paginator = caseload_paginator(user, state, None, 2)
                with CaptureQueriesContext(connection) as new:
                    got = paginator.count
                assert got == want
                assert len(new) == len(old)
                if old.captured_queries:
                    assert new[0]["sql"] == old[0]["sql"].replace('AS "__count"', 'AS "n"', 1)
    keys = [k for k in compiled._cache() if k[0][:2] == (("cases.caseload", False, False), "count")]
    assert keys and all(compiled._cache()[k] is not None for k in keys)
