"""The caseload page's rows from a statement compiled once per shape (issue 17).

:class:`CompiledPaginator` is Django's ``Paginator`` (the same count, the same page number
rules, the same bounds) whose page rows come from :func:`wijkteam.core.compiled.instances`
instead of the sliced queryset: the slice it is given is never run, its bounds become part of
the key (one shape per page bound, capped by ``compiled.MAX_SHAPES``). Its count is compiled
too (:func:`count_of`: ``count()``'s statement with another alias, the same number).
"""

import functools
from collections.abc import Callable, Hashable, Sequence
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, IntegerField, QuerySet, Value
from django.utils.functional import cached_property

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies

from . import policies
from .models import Case


def caseload_queryset(user: User, state: str, team_id: int | None) -> QuerySet[Case]:
    """The caseload as a queryset (the rule of ``selectors.case_list``)."""
    qs: QuerySet[Case] = (
        policies.case_scope(user)
        .select_related("household", "team", "coordinator")
        .order_by("-opened_on", "-id")
    )
    if state:
        qs = qs.filter(state=state)
    if team_id:
        qs = qs.filter(team_id=team_id)
    return qs


def _caseload_of(
    user_id: int, rest: Sequence[Any], by_state: bool, by_team: bool
) -> QuerySet[Case]:
    """:func:`caseload_queryset` on ids: ``rest`` is (team id,) (state,) member teams, leader
    teams, as the compiled calls give them."""
    values = list(rest)
    team_id: int = values.pop(0) if by_team else 0
    state = values.pop(0) if by_state else ""
    member, leader = values
    qs = (
        policies.case_scope_of(user_id, member, leader)
        .select_related("household", "team", "coordinator")
        .order_by("-opened_on", "-id")
    )
    if by_state:
        qs = qs.filter(state=state)
    if by_team:
        qs = qs.filter(team_id=team_id)
    return qs


@functools.cache
def _build(
    low: int, high: int | None, by_state: bool, by_team: bool
) -> Callable[..., QuerySet[Case]]:
    def build(user_id: int, *rest: Any) -> QuerySet[Case]:
        return _caseload_of(user_id, rest, by_state, by_team)[low:high]

    return build


def count_of(qs: QuerySet[Case]) -> "QuerySet[Any]":
    """``qs.count()`` as a ``values_list`` queryset of one row: ``SELECT COUNT(*) AS "n" FROM
    ... WHERE ...``, the statement ``count()`` sends (``AS "__count"``) but for the alias. An
    aggregate without ``GROUP BY`` (a constant adds none) gives one row, also for no cases."""
    return (
        qs.order_by()
        .annotate(one=Value(1, output_field=IntegerField()))
        .values("one")
        .annotate(n=Count("*"))
        .values_list("n", flat=True)
    )


@functools.cache
def _count_build(by_state: bool, by_team: bool) -> Callable[..., "QuerySet[Any]"]:
    def build(user_id: int, *rest: Any) -> "QuerySet[Any]":
        return count_of(_caseload_of(user_id, rest, by_state, by_team))

    return build


class CompiledPaginator(Paginator):
    """A ``Paginator`` whose page rows run as a compiled statement."""

    def __init__(
        self,
        object_list: QuerySet[Case],
        per_page: int,
        *,
        key: Hashable,
        ids: Sequence[int],
        texts: Sequence[str],
        lists: Sequence[Sequence[int]],
        by_state: bool,
        by_team: bool,
    ) -> None:
        super().__init__(object_list, per_page)
        self.compiled_key = key
        self.ids, self.texts, self.lists = ids, texts, lists
        self.by = (by_state, by_team)

    @cached_property
    def count(self) -> int:
        """The number of cases (``Paginator.count``: ``object_list.count()``), compiled once
        per shape (:func:`count_of`: the same statement but for the alias, the same number)."""
        found = compiled.rows(
            (self.compiled_key, "count"),
            _count_build(*self.by),
            self.ids,
            texts=self.texts,
            lists=self.lists,
        )
        return int(found[0][0]) if found else 0

    def _get_page(self, *args: Any, **kwargs: Any) -> Page:
        object_list, number, paginator = args
        query = object_list.query
        low, high = query.low_mark, query.high_mark
        build = _build(low, high, *self.by)
        found = compiled.instances(
            (self.compiled_key, low, high), build, self.ids, texts=self.texts, lists=self.lists
        )
        return Page(found, number, paginator)


def caseload_paginator(user: User, state: str, team_id: int | None, per_page: int) -> Paginator:
    """The caseload's paginator (compiled rows where the user may see case content)."""
    qs = caseload_queryset(user, state, team_id)
    if not org_policies.may_see_case_content(user):
        return Paginator(qs, per_page)
    return CompiledPaginator(
        qs,
        per_page,
        key=("cases.caseload", bool(state), bool(team_id)),
        ids=[user.pk, *([team_id] if team_id else [])],
        texts=[state] if state else [],
        lists=[org_policies.member_team_ids(user), org_policies.leader_team_ids(user)],
        by_state=bool(state),
        by_team=bool(team_id),
    )
