"""``compiled.instances`` gives what the queryset gives, and refuses shapes it cannot prove."""

import datetime

import pytest
from django.db import connection
from django.db.models import Q, QuerySet
from django.http import Http404
from django.test.utils import CaptureQueriesContext

from wijkteam.accounts.models import User
from wijkteam.cases import policies, selectors
from wijkteam.cases.models import Case
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import CaseFactory, MembershipFactory, ResidentFactory

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


def _entry(
    key: object,
    ids: int,
    kinds: tuple[str, ...] = (),
    model: bool = True,
    texts: int = 0,
    lengths: tuple[int, ...] = (),
) -> object:
    """What the cache holds for ``key`` (None: marked, the queryset runs every time)."""
    return compiled._cache()[(key, ids, kinds, model, texts, lengths)]


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
    assert isinstance(_entry(("none", 0, 0), 1), compiled._Empty)


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


# Texts and lists (issue 17, branch h-search).


def _by_name(word: str, prefix: str) -> QuerySet[Resident]:
    return Resident.objects.filter(
        Q(last_name__istartswith=prefix) | Q(first_name__icontains=word) | Q(bsn=word)
    ).order_by("pk")


def _in_households(*lists: list[int]) -> QuerySet[Resident]:
    query = Q()
    for values in lists:
        query &= Q(household_id__in=values)
    return Resident.objects.filter(query).order_by("pk")


def _pks(found: list[Resident]) -> list[int]:
    return [r.pk for r in found]


def test_texts_are_put_in_with_like_escaping():
    odd = [
        ResidentFactory(last_name="O'Brien", first_name="<Anna & Jo>"),
        ResidentFactory(last_name="100%_echt", first_name="back\\slash"),
        ResidentFactory(last_name="Jansen", first_name="Piet"),
        ResidentFactory(last_name="2024-01-05", first_name="12:30"),
    ]
    terms = [
        ("o'b", "O'"), ("<anna", "<"), ("&", "x"), ("%", "100%"), ("_", "100%_"),
        ("\\", "back"), ("%_e", "1"), ("PIET", "jan"), ("2024-01-05", "2024-01-05"),
        ("12:30", "12:"), (" ", " "), ("", ""), ("nobody", "nobody"),
    ]  # fmt: skip
    for word, prefix in terms:
        expected = _pks(list(_by_name(word, prefix)))
        got = compiled.instances("names", _by_name, [], texts=[word, prefix])
        assert _pks(got) == expected, (word, prefix)
    assert _entry("names", 0, texts=2) is not None
    # a text that looks like a date is a parameter, not a constant of the statement
    assert _pks(compiled.instances("names", _by_name, [], texts=["x", "2024-01-05"])) == [odd[3].pk]
    with CaptureQueriesContext(connection) as queries:
        compiled.instances("names", _by_name, [], texts=["Piet", "J"])
    assert len(queries) == 1


def test_a_text_the_builder_changes_is_not_cached():
    resident = ResidentFactory(last_name="Jansen")

    def stripped(term: str) -> QuerySet[Resident]:
        return Resident.objects.filter(last_name__iexact=term.strip())

    def upper(term: str) -> QuerySet[Resident]:
        return Resident.objects.filter(last_name=term.upper())

    def split(term: str) -> QuerySet[Resident]:
        return Resident.objects.filter(last_name__in=term.split())

    for build, term in ((stripped, " jansen "), (upper, "x"), (split, "Jansen Pietersen")):
        for _ in range(2):
            assert _pks(compiled.instances(build.__name__, build, [], texts=[term])) == _pks(
                list(build(term))
            )
        assert _entry(build.__name__, 0, texts=1) is None, build.__name__
    assert _pks(compiled.instances("stripped", stripped, [], texts=[" jansen "])) == [resident.pk]
    # a text holding the stand-ins' marker, or not a text: the ORM's answer
    marked = compiled._TEXT_MARK
    assert compiled.instances("names", _by_name, [], texts=[marked, marked]) == []
    assert "names" not in {k[0] for k in compiled._cache()}


def test_lists_of_several_lengths_sorted_and_without_duplicates():
    residents = [ResidentFactory() for _ in range(4)]
    households = [r.household_id for r in residents]
    cases = [
        [households[2], households[0]],
        [households[0], households[0], households[3]],
        households,
        [households[1]],
    ]
    for values in cases:
        expected = _pks(list(_in_households(values)))
        got = compiled.instances("hh", _in_households, [], lists=[values])
        assert _pks(got) == expected
    assert _entry("hh", 0, lengths=(2,)) is not None
    assert _entry("hh", 0, lengths=(4,)) is not None
    # two lists, each its own length in the key
    got = compiled.instances("hh", _in_households, [], lists=[households, households[1:3]])
    assert _pks(got) == [residents[1].pk, residents[2].pk]
    assert _entry("hh", 0, lengths=(4, 2)) is not None

    def flat(*lists: list[int]) -> QuerySet[Resident]:
        return _in_households(*lists).values_list("pk", flat=True)

    assert compiled.rows("hh.rows", flat, [], lists=[households[:2]]) == [
        (residents[0].pk,),
        (residents[1].pk,),
    ]


def test_an_empty_list_and_a_long_list_are_the_orms_answer():
    resident = ResidentFactory()
    assert compiled.instances("hh", _in_households, [], lists=[[]]) == []
    assert isinstance(_entry("hh", 0, lengths=(0,)), compiled._Empty)  # EmptyResultSet
    many = [*range(1, compiled.MAX_LIST + 2), resident.household_id]
    assert _pks(compiled.instances("hh", _in_households, [], lists=[many])) == [resident.pk]
    assert not [k for k in compiled._cache() if k[0] == "hh" and k[5] != (0,)]


def test_ids_moments_texts_and_lists_together():
    case = CaseFactory(residents=2)
    members = list(case.household.members.order_by("pk"))

    def build(case_id: int, day: datetime.date, term: str, households: list[int]):
        return Case.objects.filter(
            pk=case_id,
            opened_on__lte=day,
            household_id__in=households,
            household__members__last_name__istartswith=term,
        ).distinct()

    today = datetime.date.today()
    term = members[0].last_name[:2]
    for _ in range(2):
        got = compiled.instances(
            "all", build, [case.pk], moments=[today], texts=[term], lists=[[case.household_id]]
        )
        assert _pks(got) == [case.pk]
    assert _entry("all", 1, ("date",), True, 1, (1,)) is not None
    assert (
        compiled.instances(
            "all", build, [case.pk], moments=[today], texts=["zzz"], lists=[[case.household_id]]
        )
        == []
    )


def test_a_shape_that_matches_nothing_sends_nothing_and_builds_nothing():
    """``EmptyResultSet`` for both sets of stand-ins (an empty ``IN`` list): the ORM sends no
    statement and gives no rows; so does every later call of that shape, without building."""
    ResidentFactory()
    calls: list[int] = []

    def build(households: list[int]) -> QuerySet[Resident]:
        calls.append(len(households))
        return _in_households(households)

    def flat(households: list[int]) -> QuerySet[Resident]:
        return build(households).values_list("pk", flat=True)

    assert list(build([])) == []
    calls.clear()
    for _ in range(3):
        with CaptureQueriesContext(connection) as queries:
            assert compiled.instances("empty", build, [], lists=[[]]) == []
            assert compiled.rows("empty.rows", flat, [], lists=[[]]) == []
        assert len(queries) == 0
    assert calls == [0, 0, 0, 0]  # each shape built twice (its two stand-in sets), then never
    assert isinstance(_entry("empty.rows", 0, model=False, lengths=(0,)), compiled._Empty)

    def half(user_id: int, households: list[int]) -> QuerySet[Resident]:
        # empty only for the first set of stand-ins: not a shape that matches nothing
        return _in_households([] if user_id < 9_050_000_000_000 else [user_id])

    compiled.instances("half", half, [1], lists=[[]])
    assert _entry("half", 1, lengths=(0,)) is None
