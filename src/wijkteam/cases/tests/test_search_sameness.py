"""Search by name and BSN: the compiled statements give what the ORM path gives (issue 17).

The old path is the queryset itself (``selectors_search.candidates_queryset``) and, for the
whole search, every statement run as an ordinary queryset (``compiled.MAX_SHAPES = 0``: no
shape is compiled). Compared: the residents, their order, the access-log entries and the
rendered page, for users in and out of scope, with consent given and withdrawn.
"""

import re

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases import selectors, selectors_search
from wijkteam.core import compiled
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import AccessLogEntry, Consent
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    ResidentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

BSN_A, BSN_B = "111222333", "123456782"


@pytest.fixture(autouse=True)
def _fresh_cache():
    compiled.clear()
    yield
    compiled.clear()


@pytest.fixture
def world():
    case = CaseFactory(residents=0)
    team = case.team
    household = case.household
    inside = [
        ResidentFactory(household=household, last_name="O'Brien", first_name="Anna", bsn=BSN_A),
        ResidentFactory(household=household, last_name="van der Berg", first_name="<Jo & Co>"),
        ResidentFactory(household=household, last_name="Berg", first_name="Anna-Lies"),
    ]
    intake = ResidentFactory(last_name="Bergman", first_name="Piet", intake_team=team)
    reported = ReportFactory(team=team, resident__last_name="Bergsma").resident
    other = CaseFactory(residents=0)
    outside = ResidentFactory(
        household=other.household, last_name="Berg", first_name="Anna", bsn=BSN_B
    )
    partner = OrganisationFactory(municipality=team.municipality, name="Partner")
    worker = MembershipFactory(team=team, organisation=partner, roles=[TeamRole.GENERALIST]).user
    case.involved_members.add(worker)
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    MembershipFactory(team=other.team, user=leader)
    withdrawn_case = CaseFactory(team=team, residents=0)
    withdrawn_case.involved_members.add(worker)
    gone = ResidentFactory(household=withdrawn_case.household, last_name="Bergkamp")
    for resident in [*inside[:2], gone]:
        Consent.objects.create(
            resident=resident, organisation=partner, basis="toestemming", purpose="Samenwerking",
            categories=["basisgegevens"], given_how="mondeling",
            valid_from=timezone.localdate(), recorded_by=case.coordinator,
        )  # fmt: skip
    withdrawn = Consent.objects.get(resident=gone)
    withdrawn.withdrawn_at = timezone.now()
    withdrawn.save()
    users = [case.coordinator, worker, leader, other.coordinator, UserFactory()]
    return users, [*inside, intake, reported, outside, gone]


SEARCHES = [
    {"query": "Berg"}, {"query": "berg"}, {"query": "van der"}, {"query": "Anna Berg"},
    {"query": "o'b"}, {"query": "<jo &"}, {"query": "%"}, {"query": "_"}, {"query": "  Berg  "},
    {"query": "Anna Lies Berg"}, {"query": "2026-01-05"}, {"query": "nobody"},
    {"bsn": BSN_A}, {"bsn": "111.222.333"}, {"bsn": BSN_B}, {"bsn": "999999990"}, {"bsn": "x"},
    {"query": "Berg", "bsn": BSN_A}, {"query": "   "},
]  # fmt: skip


def _search(user, search: dict[str, str]) -> tuple[list[int], list[tuple[object, ...]]]:
    before = AccessLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    found = [r.pk for r in selectors.resident_search(user=user, **search)]
    entries = list(
        AccessLogEntry.objects.filter(pk__gt=before)
        .order_by("pk")
        .values_list("user_id", "action", "object_type", "object_id", "purpose", "resident_ids")
    )
    return found, entries


def test_candidates_are_the_querysets(world):
    users, _ = world
    for user in users:
        for search in SEARCHES:
            query, bsn = search.get("query", ""), search.get("bsn", "")
            if not bsn and not query.strip():
                continue
            for _ in range(2):  # compiled on the first call, reused on the second
                got = selectors_search.candidates(user, query, bsn, 50)
                want = list(selectors_search.candidates_queryset(user, query, bsn, 50))
                assert [r.pk for r in got] == [r.pk for r in want], (user, search)
    assert compiled._cache()[(("cases.search.bsn", 50), 1, (), True, 1, (1, 0))] is not None
    assert compiled._cache()[(("cases.search.name", 50), 1, (), True, 3, (1, 0))] is not None


def test_search_results_and_access_log_as_without_compiling(world, monkeypatch):
    users, residents = world
    new = {(u.pk, i): _search(u, s) for u in users for i, s in enumerate(SEARCHES)}
    again = {(u.pk, i): _search(u, s) for u in users for i, s in enumerate(SEARCHES)}
    monkeypatch.setattr(compiled, "MAX_SHAPES", 0)
    compiled.clear()
    old = {(u.pk, i): _search(u, s) for u in users for i, s in enumerate(SEARCHES)}
    assert new == old
    assert again == old
    coordinator, worker = users[0], users[1]
    assert set(new[(coordinator.pk, 0)][0]) == {r.pk for r in residents[1:5]}
    # the partner's worker: consent withdrawn for one resident, none for another
    assert new[(worker.pk, 12)][0] == [residents[0].pk]
    assert residents[1].pk in new[(worker.pk, 0)][0]  # the household's consent
    assert residents[6].pk not in new[(worker.pk, 0)][0]  # withdrawn
    assert residents[3].pk not in new[(worker.pk, 0)][0]  # no consent for the partner
    assert new[(coordinator.pk, 14)] == ([], new[(coordinator.pk, 14)][1])  # out of scope


def _page(client, params: dict[str, str]) -> str:
    form = {"q" if name == "query" else name: value for name, value in params.items()}
    html = client.get(reverse("residents:search"), form).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_search_page_is_the_same_html(world, client_for, monkeypatch, language):
    users, _ = world
    for user in users[:3]:
        client = client_for(user)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switch
        new = [_page(client, s) for s in SEARCHES]
        monkeypatch.setattr(compiled, "MAX_SHAPES", 0)
        compiled.clear()
        old = [_page(client, s) for s in SEARCHES]
        monkeypatch.setattr(compiled, "MAX_SHAPES", 512)
        assert new == old
        assert all(f'<html lang="{language}"' in html for html in new)  # the language asked for
    assert "O&#x27;Brien" in new[4] or "O&#39;Brien" in new[4]
