"""The plan's reads from compiled statements give what the ORM gives (issue 17, ``h-plan2``).

``cases.selectors_plan`` reads the plan with its goals and actions, its latest version and the
editor's choice lists through :mod:`wijkteam.core.compiled`. Here each of them against the
queryset it replaces: the same SQL statements, the same rows, fields, related objects and
prefetched lists (``plan.goals.all()``, ``plan.actions.all()``), on an empty plan, a plan with
many rows, no plan, and members whose membership ended yesterday or ends today.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkteam.cases import selectors_plan as sp
from wijkteam.cases.constants import ActionStatus, OwnerKind
from wijkteam.cases.services.plan import ActionData, GoalData, plan_save
from wijkteam.core import compiled
from wijkteam.testing.factories import (
    CaseFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def _fresh_cache():
    compiled.clear()
    yield
    compiled.clear()


def _fields(obj):
    return obj and {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _same(got, expected, related=()):
    assert [o.pk for o in got] == [o.pk for o in expected]
    for a, b in zip(got, expected, strict=True):
        assert _fields(a) == _fields(b)
        for name in related:
            assert _fields(getattr(a, name)) == _fields(getattr(b, name)), name


def _sql(read):
    with CaptureQueriesContext(connection) as queries:
        found = read()
    return found, [q["sql"] for q in queries.captured_queries]


def _plan_with(case, goals: int, actions: int):
    member = MembershipFactory(team=case.team).user
    provider = OrganisationFactory(
        municipality=case.team.municipality, name=f"O'Brien & <Co> {case.pk}"
    )
    plan_save(
        actor=case.coordinator,
        case=case,
        expected_version=None,
        goals=[GoalData(text=f"Doel {i} 'x' <&>", domain="financien") for i in range(goals)],
        actions=[
            ActionData(
                description=f"Actie {i}",
                owner_kind=(OwnerKind.TEAM, OwnerKind.AANBIEDER, OwnerKind.NETWERK)[i % 3],
                owner_user_id=member.pk if i % 3 == 0 else None,
                owner_organisation_id=provider.pk if i % 3 == 1 else None,
                owner_name="Buur" if i % 3 == 2 else "",
                goal=(i % goals) if goals and i % 2 else None,
                due_on=TODAY + datetime.timedelta(days=i - 3) if i % 4 else None,
                status=ActionStatus.BEZIG if i % 5 == 0 else ActionStatus.OPEN,
            )
            for i in range(actions)
        ],
    )


def _compare_plan(case):
    expected, sql_expected = _sql(lambda: sp.plan_for_case_queryset(case))
    for _round in range(2):  # compiled on the first call, reused on the second
        got, sql_got = _sql(lambda: sp.plan_for_case(case))
        assert sql_got == sql_expected
        if expected is None:
            assert got is None
            continue
        assert _fields(got) == _fields(expected)
        with CaptureQueriesContext(connection) as none:
            goals, actions = list(got.goals.all()), list(got.actions.all())
            _same(goals, list(expected.goals.all()), related=("domain", "plan"))
            _same(
                actions,
                list(expected.actions.all()),
                related=("owner_user", "owner_organisation", "goal", "service", "plan"),
            )
            assert all(g.plan is got for g in goals) and all(a.plan is got for a in actions)
        assert not none.captured_queries  # prefetched, as before
        assert got.goals.count() == len(goals) and got.actions.exists() == bool(actions)
        version, sql_v = _sql(lambda p=got: sp.latest_version(p))
        old, sql_old = _sql(lambda: sp.plan_versions(expected).first())
        assert sql_v == sql_old and _fields(version) == _fields(old)
        assert _fields(version.changed_by) == _fields(old.changed_by) and version.plan is got
    _all_compiled()


def _all_compiled():
    shapes = compiled._cache()
    assert shapes and all(v is not None for v in shapes.values())  # no fallback to the ORM


@pytest.mark.parametrize(("goals", "actions"), [(0, 0), (1, 0), (0, 3), (12, 30)])
def test_the_plan_is_read_as_the_prefetching_queryset_reads_it(goals, actions):
    case = CaseFactory(uitvoering=True)
    _plan_with(case, goals, actions)
    _compare_plan(case)
    other = CaseFactory(uitvoering=True)
    _plan_with(other, 2, 2)
    _compare_plan(other)  # the same compiled statements with other ids


def test_no_plan_is_none():
    _compare_plan(CaseFactory(uitvoering=True))


def test_the_choice_lists_are_the_querysets_rows():
    case = CaseFactory(uitvoering=True)
    team = case.team
    MembershipFactory(team=team, user__last_name="O'Neil <&>")
    MembershipFactory(team=team, active_until=TODAY)  # still active today
    ended = MembershipFactory(team=team, active_until=TODAY - datetime.timedelta(days=1))
    later = MembershipFactory(team=team, active_from=TODAY + datetime.timedelta(days=1))
    OrganisationFactory(municipality=team.municipality, name="Zorg & <Co>")
    OrganisationFactory()  # another municipality
    map_org = MapOrganisationFactory(municipality=team.municipality)
    MapServiceFactory(organisation=map_org, name="Koffie")
    MapServiceFactory(organisation=map_org, general_provision=False, name="Anders")
    for _round in range(2):
        pairs = [
            (sp.life_domain_list, lambda: sp.life_domains(), ()),
            (lambda: sp.team_member_list(team), lambda: sp.active_team_members(team), ()),
            (lambda: sp.provider_list(team), lambda: sp.provider_choices(team), ()),
            (
                lambda: sp.social_map_list(team),
                lambda: sp.social_map_choices(team),
                ("organisation",),
            ),
        ]
        for new, old, related in pairs:
            got, sql_got = _sql(new)
            expected, sql_expected = _sql(lambda o=old: list(o()))
            assert sql_got == sql_expected
            assert got
            _same(got, expected, related)
    shown = {u.pk for u in sp.team_member_list(team)}
    assert ended.user_id not in shown and later.user_id not in shown
    _all_compiled()
