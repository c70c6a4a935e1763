"""The klachten and bezwaren of the work queue, compiled (issue 17, branch ``h-tl3``): the
same rows, items and statements as the ORM querysets ``complaints/queue.py`` built before
(kept here as ``legacy_*``), for every case of the scope rule — open or closed/decided, the
user's teams or another's, a klacht only for a teamleider, a bezwaar left out exactly when its
case is one of the queue's open cases — on the first (compiling) and a later (compiled) call."""

import datetime
import re

import pytest
from django.db import connection
from django.db.models import CharField, F, Value
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.cases.tests.test_decision_fixtures import World, build_world
from wijkteam.complaints import queue
from wijkteam.complaints.constants import (
    ComplaintOutcome,
    ComplaintStatus,
    ObjectionOutcome,
    ObjectionStatus,
)
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.complaints.selectors import handler_team_ids
from wijkteam.complaints.tests.test_complaints import file as file_complaint
from wijkteam.complaints.tests.test_objections import file as file_objection
from wijkteam.complaints.tests.test_objections import known_decision
from wijkteam.core import compiled
from wijkteam.core.id_lists import InIds
from wijkteam.organisation import policies as org_policies

pytestmark = pytest.mark.django_db


def legacy_rows(complaint_teams: list[int], teams: list[int], open_cases: list[int]) -> list:
    """The querysets of ``complaints_source`` before this branch, unchanged."""
    complaints = (
        Complaint.objects.filter(team_id__in=complaint_teams)
        .exclude(status=ComplaintStatus.CLOSED)
        .annotate(
            kind=Value("klacht", output_field=CharField()),
            due=F("due_on"),
            case_ref=F("case_id"),
            row=F("pk"),
        )
        .values_list("kind", "due", "case_ref", "row")
        .order_by()
    )
    objections = (
        Objection.objects.filter(team_id__in=teams)
        .exclude(status=ObjectionStatus.DECIDED)
        .annotate(
            kind=Value("bezwaar", output_field=CharField()),
            due=F("term__due_on"),
            case_ref=F("case_id"),
            row=F("pk"),
        )
        .values_list("kind", "due", "case_ref", "row")
        .order_by()
    )
    if open_cases:
        objections = objections.exclude(InIds("case_id", open_cases)).order_by()
    return complaints.union(objections, all=True).order_by("due")[:200]


def legacy_source(user, open_cases, leader_teams, today) -> list[QueueItem]:
    teams = handler_team_ids(user)
    if not teams:
        return []
    rows = legacy_rows([t for t in teams if t in leader_teams], teams, open_cases)
    labels = {"klacht": _("Klacht afhandelen"), "bezwaar": _("Beslissen op bezwaar")}
    names = {"klacht": "complaints:complaint", "bezwaar": "complaints:objection"}
    return [
        QueueItem(
            due,
            kind,
            str(labels[kind]),
            None,
            status=queue._status(due, today),
            case_id=case_id,
            url=reverse(names[kind], args=[pk]),
        )
        for kind, due, case_id, pk in rows
    ]


@pytest.fixture
def two(world: World) -> tuple[World, World]:
    """Two teams, each with an open and a closed klacht and an open and a decided bezwaar."""
    other = build_world()
    for w, day in ((world, 1), (other, 2)):
        file_complaint(w, received_on=datetime.date(2026, 9, day))
        closed = file_complaint(w, received_on=datetime.date(2026, 9, day + 2))
        Complaint.objects.filter(pk=closed.pk).update(
            status=ComplaintStatus.CLOSED,
            closed_on=datetime.date(2026, 9, 20),
            outcome=ComplaintOutcome.ONGEGROND,
        )
        file_objection(w, known_decision(w))
        decided = file_objection(w, known_decision(w), received_on=datetime.date(2026, 10, 2))
        Objection.objects.filter(pk=decided.pk).update(
            status=ObjectionStatus.DECIDED,
            decided_on=datetime.date(2026, 10, 20),
            outcome=ObjectionOutcome.ONGEGROND,
        )
    return world, other


def _shapes(a: World, b: World) -> list[tuple[list[int], list[int], list[int]]]:
    ta, tb = a.team.pk, b.team.pk
    ca, cb = a.case.pk, b.case.pk
    return [
        (teams_c, teams, cases)
        for teams, teams_c in (
            ([ta], [ta]),
            ([ta], []),
            ([ta, tb], [ta]),
            ([tb, ta], [tb, ta]),
            ([tb], []),
        )
        for cases in ([], [ca], [cb], [ca, cb], [cb + 10_000], [ca, cb, cb + 1, cb + 2])
    ]


def test_the_rows_are_the_orms_for_every_scope(two: tuple[World, World]) -> None:
    a, b = two
    compiled.clear()
    seen_kinds = set()
    for _round in range(2):  # compiling, then compiled
        for complaint_teams, teams, open_cases in _shapes(a, b):
            got = queue.open_rows(complaint_teams, teams, open_cases)
            want = [tuple(r) for r in legacy_rows(complaint_teams, teams, open_cases)]
            assert got == want, (complaint_teams, teams, open_cases)
            seen_kinds.update(r[0] for r in got)
    assert seen_kinds == {"klacht", "bezwaar"}
    # the cases of the rule: only open ones, a bezwaar left out when its case is open
    rows = queue.open_rows([a.team.pk], [a.team.pk], [])
    assert sorted(r[0] for r in rows) == ["bezwaar", "klacht"]
    assert queue.open_rows([a.team.pk], [a.team.pk], [a.case.pk]) == [
        r for r in rows if r[0] == "klacht"
    ]
    assert [r[0] for r in queue.open_rows([], [a.team.pk], [])] == ["bezwaar"]


def _normal(sql: str) -> str:
    """PostgreSQL's ``InIds`` array as sent (``ARRAY[1, 2]``) and as its literal (``'{1,2}'``)
    written the same, without the element type psycopg gives a list it sends (``'{3}'::int2[]``:
    the smallest integer type that holds its values; the statement casts it to ``bigint[]``);
    SQLite's JSON text is the same in both."""
    sql = re.sub(r"::int[248]\[\]", "", sql)
    sql = re.sub(r"ARRAY\[([\d, ]*)\]", lambda m: "{" + m[1].replace(" ", "") + "}", sql)
    return sql.replace("'{", "{").replace("}'", "}")


def test_the_statements_are_the_orms(two: tuple[World, World]) -> None:
    """The same statement with the same values (the lists sorted, as compiled lists are)."""
    a, b = two
    compiled.clear()
    for _round in range(2):
        for complaint_teams, teams, open_cases in _shapes(a, b):
            with CaptureQueriesContext(connection) as new:
                queue.open_rows(complaint_teams, teams, open_cases)
            with CaptureQueriesContext(connection) as old:
                list(legacy_rows(sorted(complaint_teams), sorted(teams), open_cases))
            assert len(new) == len(old) == 1
            assert _normal(new[0]["sql"]) == _normal(old[0]["sql"])


def test_every_statement_is_compiled(two: tuple[World, World]) -> None:
    a, b = two
    compiled.clear()
    queue.open_rows([a.team.pk], [a.team.pk, b.team.pk], [a.case.pk])
    queue.open_rows([a.team.pk], [a.team.pk], [])
    cache = compiled._cache()
    mine = {k: v for k, v in cache.items() if k[0][0] == "complaints"}
    assert len(mine) == 2 and all(v is not None for v in mine.values())


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_items_are_the_old_sources(two: tuple[World, World], language: str) -> None:
    a, b = two
    today = datetime.date(2026, 10, 20)
    compiled.clear()
    with translation.override(language):
        for _round in range(2):
            for user in (a.leader, a.beslisser, a.supporter, a.coordinator, a.outsider, b.leader):
                leader_teams = org_policies.leader_team_ids(user)
                for open_cases in ([], [a.case.pk], [a.case.pk, b.case.pk]):
                    got = queue.complaints_source(user, open_cases, leader_teams, today)
                    assert got == legacy_source(user, open_cases, leader_teams, today)
    leader_items = queue.complaints_source(a.leader, [], [a.team.pk], today)
    assert sorted(i.kind for i in leader_items) == ["bezwaar", "klacht"]
    assert all(i.url for i in leader_items)
    beslisser_items = queue.complaints_source(a.beslisser, [], [], today)
    assert [i.kind for i in beslisser_items] == ["bezwaar"]  # a klacht only for a teamleider
    assert queue.complaints_source(a.coordinator, [], [], today) == []
