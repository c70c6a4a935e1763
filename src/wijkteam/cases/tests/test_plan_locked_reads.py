"""``plan_save``'s reads under its locks, and the choice lists it takes from the form
(issue 17, ``h-plan3``).

``cases.services.plan.locked`` sends through :mod:`wijkteam.core.compiled` the statements the
ORM expressions it replaced send: here each against that expression, in a transaction (the
locks need one): the same SQL, the same rows, fields and related objects, twice (compiled on
the first call, reused on the second) and for a second case. And ``plan_save(choices=...)``:
the same stored plan and the same errors as without, without the four choice reads, and the
reads again when the lists are of another team or another day.
"""

import datetime
import re

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkteam.cases import selectors_plan as sp
from wijkteam.cases.constants import OwnerKind
from wijkteam.cases.models import Case, Plan
from wijkteam.cases.services.plan import ActionData, GoalData, PlanChoices, locked, plan_save
from wijkteam.cases.tests.test_plan_reads import _fields, _plan_with, _same, _sql
from wijkteam.core import compiled
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import (
    CaseFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    MembershipFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    compiled.clear()
    yield
    compiled.clear()


def _compare(case: Case) -> None:
    for _round in range(2):
        with transaction.atomic():
            expected, sql_expected = _sql(lambda: Case.objects.select_for_update().get(pk=case.pk))
            got, sql_got = _sql(lambda: locked.lock_case(case.pk))
            assert sql_got == sql_expected and _fields(got) == _fields(expected)
            plan_e, sql_e = _sql(lambda: Plan.objects.select_for_update().filter(case=case).first())
            plan, sql_p = _sql(lambda: locked.lock_plan(case.pk))
            assert sql_p == sql_e and _fields(plan) == _fields(plan_e)
            if plan is not None:
                old, sql_old = _sql(
                    lambda p=plan: (
                        list(p.goals.select_related("domain")),
                        list(p.actions.select_related("owner_user", "owner_organisation", "goal")),
                    )
                )
                (goals, actions), sql_new = _sql(lambda p=plan: locked.plan_rows(p))
                assert sql_new == sql_old
                _same(goals, old[0], related=("domain",))
                _same(actions, old[1], related=("owner_user", "owner_organisation", "goal"))
                assert all(row.plan is plan for row in (*goals, *actions))
            ids_e, sql_r = _sql(
                lambda: list(
                    Resident.objects.filter(household_id=case.household_id).values_list(
                        "pk", flat=True
                    )
                )
            )
            ids, sql_ids = _sql(lambda: locked.household_resident_ids(case.household_id))
            assert sql_ids == sql_r and ids == ids_e
    assert all(v is not None for v in compiled._cache().values())  # no fallback to the ORM


@pytest.mark.parametrize(("goals", "actions"), [(0, 0), (2, 5), (12, 30)])
def test_the_locked_reads_are_the_orm_reads(goals, actions):
    case = CaseFactory(uitvoering=True)
    _plan_with(case, goals, actions)
    _compare(case)
    other = CaseFactory(uitvoering=True)
    _compare(other)  # no plan
    _plan_with(other, 1, 1)
    _compare(other)


def test_a_missing_case_raises_as_get_does():
    with transaction.atomic(), pytest.raises(Case.DoesNotExist, match="Case matching query"):
        locked.lock_case(987654321)


def _choices(case: Case, day: datetime.date | None = None, team_id: int | None = None):
    return PlanChoices(
        team_id=team_id or case.team_id,
        day=day or timezone.localdate(),
        domains=sp.life_domain_list(),
        members=sp.team_member_list(case.team),
        organisations=sp.provider_list(case.team),
        services=sp.social_map_list(case.team),
    )


def _input(case: Case):
    member = MembershipFactory(team=case.team).user
    provider = OrganisationFactory(municipality=case.team.municipality)
    service = MapServiceFactory(
        organisation=MapOrganisationFactory(municipality=case.team.municipality)
    )
    goals = [GoalData(text="Werk vinden", domain="financien"), GoalData(text="Rust")]
    actions = [
        ActionData(description="Bellen", owner_kind=OwnerKind.TEAM, owner_user_id=member.pk),
        ActionData(
            description="Begeleiden",
            owner_kind=OwnerKind.AANBIEDER,
            owner_organisation_id=provider.pk,
            service_id=service.pk,
            goal=0,
        ),
    ]
    return goals, actions


def _without_ids(value):
    if isinstance(value, dict):
        return {k: _without_ids(v) for k, v in value.items() if k != "id"}
    if isinstance(value, list):
        return [_without_ids(v) for v in value]
    return value


def _stored(case: Case):
    plan = sp.plan_for_case(case)
    version = sp.latest_version(plan)
    return (
        [(g.text, g.domain_id, g.status, g.order) for g in plan.goals.all()],
        [
            (a.description, a.owner_user_id, a.owner_organisation_id, a.service_id, a.goal_id and 1)
            for a in plan.actions.all()
        ],
        version.changes,
        _without_ids(version.snapshot),
    )


class _Rollback(Exception):
    pass


def _saved(case: Case, goals, actions, choices):
    """The statements of the save and what it stored, rolled back afterwards."""
    found = {}
    with pytest.raises(_Rollback), transaction.atomic():
        found["sql"] = _save(case, goals, actions, choices)
        found["stored"] = _stored(case)
        raise _Rollback
    return found["sql"], found["stored"]


def _save(case: Case, goals, actions, choices) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        plan_save(
            actor=case.coordinator,
            case=case,
            expected_version=None,
            goals=goals,
            actions=actions,
            choices=choices,
        )
    return [q["sql"] for q in queries.captured_queries]


CHOICE_READ = re.compile(
    r'^SELECT .*? FROM "(cases_instrumentdomain|accounts_user|organisation_organisation|'
    r'socialmap_service)"'
)


def _choice_reads(sql: list[str]) -> list[str]:
    return [s[:160] for s in sql if CHOICE_READ.match(s)]


def test_the_forms_lists_give_the_same_plan_without_reading_them_again():
    case = CaseFactory(uitvoering=True)
    goals, actions = _input(case)
    with_known, stored = _saved(case, goals, actions, _choices(case))
    without, stored_before = _saved(case, goals, actions, None)
    assert _choice_reads(with_known) == [] and len(_choice_reads(without)) == 4
    assert len(without) - len(with_known) == 4
    assert stored == stored_before


@pytest.mark.parametrize("stale", ["team", "day"])
def test_lists_of_another_team_or_day_are_read_again(stale):
    case = CaseFactory(uitvoering=True)
    goals, actions = _input(case)
    if stale == "team":
        known = _choices(case, team_id=CaseFactory(uitvoering=True).team_id)
    else:
        known = _choices(case, day=timezone.localdate() - datetime.timedelta(days=1))
    assert len(_choice_reads(_save(case, goals, actions, known))) == 4


def test_the_same_errors_with_the_forms_lists():
    case = CaseFactory(uitvoering=True)
    outsider = MembershipFactory().user  # another team
    elsewhere = OrganisationFactory()  # another municipality
    goals = [GoalData(text="Doel", domain="bestaat-niet")]
    actions = [
        ActionData(description="A", owner_kind=OwnerKind.TEAM, owner_user_id=outsider.pk),
        ActionData(
            description="B",
            owner_kind=OwnerKind.AANBIEDER,
            owner_organisation_id=elsewhere.pk,
            service_id=987654,
        ),
    ]
    errors = []
    for known in (None, _choices(case)):
        with pytest.raises(ValidationError) as raised:
            plan_save(
                actor=case.coordinator,
                case=case,
                expected_version=None,
                goals=goals,
                actions=actions,
                choices=known,
            )
        errors.append(raised.value.message_dict)
    assert errors[0] == errors[1]
    assert set(errors[0]) >= {"goals.0.domain", "actions.0.owner_user", "actions.1.service"}
