"""``compiled.instances`` gives what the queryset gives, and refuses shapes it cannot prove."""

import datetime

import pytest
from django.db import connection
from django.db.models import QuerySet
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from wijkteam.accounts.models import User
from wijkteam.cases import policies, selectors
from wijkteam.cases.models import Case
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import CaseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

RELATED = ("household", "team", "coordinator", "client_supporter")


@pytest.fixture(autouse=True)
def _fresh_cache():
    compiled.clear()
    yield
    compiled.clear()


def _scoped(member: int, leader: int):
    def build(user_id: int, *teams: int) -> QuerySet[Case]:
        return (
            policies.case_scope_of(user_id, teams[:member], teams[member:])
            .select_related(*RELATED)
            .order_by("pk")
        )

    return build


def _entry(key: object, ids: int, kinds: tuple[str, ...] = (), model: bool = True) -> object:
    """What the cache holds for ``key`` (None: marked, the queryset runs every time)."""
    return compiled._cache()[(key, ids, kinds, model)]


def _ids(user: User) -> tuple[list[int], list[int]]:
    return org_policies.member_team_ids(user), org_policies.leader_team_ids(user)


def _same(a: list[Case], b: list[Case]) -> None:
    assert [c.pk for c in a] == [c.pk for c in b]
    for x, y in zip(a, b, strict=True):
        for field in Case._meta.concrete_fields:
            assert getattr(x, field.attname) == getattr(y, field.attname), field.name
        for name in RELATED:
            rx, ry = getattr(x, name), getattr(y, name)
            assert (rx.pk if rx else None) == (ry.pk if ry else None)
            if rx is not None:
                assert {f.attname: getattr(rx, f.attname) for f in rx._meta.concrete_fields} == {
                    f.attname: getattr(ry, f.attname) for f in ry._meta.concrete_fields
                }


def test_same_instances_as_the_queryset_for_several_users():
    first, second = CaseFactory(residents=2), CaseFactory(residents=1)
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    MembershipFactory(team=second.team, user=leader)
    involved = MembershipFactory(team=second.team).user
    second.involved_members.add(involved)
    for user in (first.coordinator, second.coordinator, leader, involved):
        member, lead = _ids(user)
        build = _scoped(len(member), len(lead))
        key = ("test", len(member), len(lead))
        for _ in range(2):  # the first call compiles, the second reuses the statement
            got = compiled.instances(key, build, [user.pk, *member, *lead])
            _same(got, list(build(user.pk, *member, *lead)))
            assert got, user
            # select_related: no query for the related objects
            with CaptureQueriesContext(connection) as queries:
                [(c.household.pk, c.team.name, c.coordinator.pk) for c in got]
            assert len(queries) == 0


def test_a_cached_statement_runs_with_the_new_ids_only():
    case = CaseFactory(residents=1)
    other = CaseFactory(residents=1)

    def build(case_id: int) -> QuerySet[Case]:
        return Case.objects.filter(pk=case_id)

    assert [c.pk for c in compiled.instances("by-pk", build, [case.pk])] == [case.pk]
    with CaptureQueriesContext(connection) as queries:
        assert [c.pk for c in compiled.instances("by-pk", build, [other.pk])] == [other.pk]
        assert compiled.instances("by-pk", build, [10**15]) == []
    assert len(queries) == 2
    # out of the range of a column: the ORM answers (no rows), no database error
    assert compiled.instances("by-pk", build, [2**70]) == []


def test_a_date_in_the_statement_is_never_cached():
    case = CaseFactory(residents=1)
    calls: list[int] = []

    def build(case_id: int) -> QuerySet[Case]:
        calls.append(case_id)
        return Case.objects.filter(pk=case_id, opened_on__lte=datetime.date.today())

    for _ in range(3):
        assert [c.pk for c in compiled.instances("dated", build, [case.pk])] == [case.pk]
    # two stand-in builds, then the ordinary queryset on every call
    assert calls.count(case.pk) == 3
    assert _entry("dated", 1) is None


def test_an_id_that_changes_the_sql_text_is_not_cached():
    case = CaseFactory(residents=1)

    def build(case_id: int) -> QuerySet[Case]:
        # the id is written into the SQL text (LIMIT n): not cacheable
        return Case.objects.filter(pk=case_id)[:case_id]

    for _ in range(2):
        assert [c.pk for c in compiled.instances("shape", build, [case.pk])] == [case.pk]
    assert _entry("shape", 1) is None


def test_no_teams_at_all_is_the_orms_empty_answer():
    CaseFactory(residents=1)
    user = MembershipFactory().user
    build = _scoped(0, 0)
    assert compiled.instances(("none", 0, 0), build, [user.pk]) == []
    assert _entry(("none", 0, 0), 1) is None


def test_case_get_uses_the_scope_rule():
    case = CaseFactory(residents=2)
    outsider = MembershipFactory().user
    assert selectors.case_get(user=case.coordinator, pk=case.pk).pk == case.pk
    with pytest.raises(Http404):
        selectors.case_get(user=outsider, pk=case.pk)
    got = selectors.case_get(user=case.coordinator, pk=case.pk)
    with CaptureQueriesContext(connection) as queries:  # as prefetch_related left them
        members = list(got.household.members.all())
        assert all(r.household is got.household for r in members)
    assert len(queries) == 0
    assert [r.pk for r in members] == list(case.household.members.values_list("pk", flat=True))
    assert [r.pk for r in got.household.members.filter(pk=members[0].pk)] == [members[0].pk]
