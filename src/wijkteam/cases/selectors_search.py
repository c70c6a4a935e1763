"""The candidates of a resident search, from statements compiled once (issue 17).

:func:`candidates_queryset` is the rule as a queryset (and the answer for a user without case
content: ``resident_scope`` is empty); :func:`candidates` gives the same residents through
:mod:`wijkteam.core.compiled`: the user's id, the search texts (the whole name query and its
words, or the normalised BSN) and the user's member and leader teams are put into a statement
built once per number of words, number of teams and limit.
"""

import functools
from collections.abc import Callable, Sequence

from django.db.models import Q, QuerySet
from django.db.models.functions import Upper

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.residents.models import Resident
from wijkteam.residents.validators import normalise_bsn

from . import policies


def _ordered(qs: QuerySet[Resident], limit: int) -> QuerySet[Resident]:
    # No joins: the result list shows the resident's own fields. Ordered case-insensitively,
    # which also keeps PostgreSQL from walking the whole name index in order for a common
    # prefix (the trigram indexes find the candidates; docs/performance.md).
    return qs.order_by(Upper("last_name"), Upper("first_name"), "pk")[:limit]


def _by_name(qs: QuerySet[Resident], whole: str, words: Sequence[str]) -> QuerySet[Resident]:
    # The whole query as the start of the surname ("van der Berg"), or every word as the
    # start of the first name or a part of the surname ("Anna Berg").
    every_word = Q()
    for word in words:
        every_word &= Q(first_name__istartswith=word) | Q(last_name__icontains=word)
    return qs.filter(Q(last_name__istartswith=whole) | every_word)


def candidates_queryset(user: User, query: str, bsn: str, limit: int) -> QuerySet[Resident]:
    """The residents in scope that match (``bsn`` before ``query``; one of them not empty)."""
    qs = policies.resident_scope(user)
    if bsn:
        return _ordered(qs.filter(bsn=normalise_bsn(bsn)), limit)
    return _ordered(_by_name(qs, query.strip(), query.split()), limit)


@functools.cache
def _build_bsn(limit: int) -> Callable[..., QuerySet[Resident]]:
    def build(user_id: int, bsn: str, member: list[int], leader: list[int]) -> QuerySet[Resident]:
        return _ordered(policies.resident_scope_of(user_id, member, leader).filter(bsn=bsn), limit)

    return build


@functools.cache
def _build_name(limit: int) -> Callable[..., QuerySet[Resident]]:
    def build(user_id: int, whole: str, *rest: str | list[int]) -> QuerySet[Resident]:
        words = [w for w in rest[:-2] if isinstance(w, str)]
        member, leader = rest[-2], rest[-1]
        assert isinstance(member, list) and isinstance(leader, list)
        scope = policies.resident_scope_of(user_id, member, leader)
        return _ordered(_by_name(scope, whole, words), limit)

    return build


def candidates(user: User, query: str, bsn: str, limit: int) -> list[Resident]:
    """``list(candidates_queryset(...))`` from a compiled statement."""
    if not org_policies.may_see_case_content(user):
        return list(candidates_queryset(user, query, bsn, limit))
    teams = [org_policies.member_team_ids(user), org_policies.leader_team_ids(user)]
    if bsn:
        texts = [normalise_bsn(bsn)]
        key: tuple[str, int] = ("cases.search.bsn", limit)
        return compiled.instances(key, _build_bsn(limit), [user.pk], texts=texts, lists=teams)
    texts = [query.strip(), *query.split()]
    key = ("cases.search.name", limit)
    return compiled.instances(key, _build_name(limit), [user.pk], texts=texts, lists=teams)
