"""iWmo's work-queue sources, compiled (issue 17, branch ``h-tl3``): the same rows, items and
statements as the ORM querysets ``iwmo/queue.py`` built before (kept here as ``legacy_*``):
open 315/317 requests only of the queue's open cases, open escalations only of cases of the
teams the user leads; answered ones never; on the first (compiling) and a later call."""

import datetime
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext as _

from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.cases.tests.test_decision_fixtures import World, build_world
from wijkteam.core import compiled
from wijkteam.core.id_lists import InIds
from wijkteam.iwmo import queue
from wijkteam.iwmo.constants import EscalationStatus, MessageType, RequestStatus
from wijkteam.iwmo.models import Escalation, Message, ProviderRequest
from wijkteam.organisation import policies as org_policies

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 10, 20)


def legacy_requests(user, open_cases, leader_teams, today) -> list[QueueItem]:
    """``requests_source`` before this branch, unchanged."""
    if not open_cases:
        return []
    return [
        QueueItem(
            due_on,
            "verzoek",
            str(MessageType(kind).label),
            None,
            status=queue._status(due_on, today),
            case_id=case_id,
        )
        for kind, due_on, case_id in ProviderRequest.objects.filter(
            InIds("case_id", open_cases), status=RequestStatus.OPEN
        )
        .order_by("due_on", "id")
        .values_list("kind", "due_on", "case_id")[:200]
    ]


def legacy_escalations(user, open_cases, leader_teams, today) -> list[QueueItem]:
    """``escalations_source`` before this branch, unchanged."""
    if not leader_teams:
        return []
    label = _("Escalatie: specialist inzetten?")
    return [
        QueueItem(
            due_on, "escalatie", label, None, status=queue._status(due_on, today), case_id=case_id
        )
        for due_on, case_id in Escalation.objects.filter(
            case__team_id__in=leader_teams, status=EscalationStatus.OPEN
        )
        .order_by("due_on", "id")
        .values_list("due_on", "case_id")[:200]
    ]


def _request(w: World, n: int, kind: str, due: datetime.date, status: str) -> None:
    message = Message.objects.create(
        standard="iwmo", message_type=kind, direction="in", status="verwerkt",
        message_id=f"Q{n}", sender="12345678", receiver="0001", raw_xml="<x/>",
    )  # fmt: skip
    ProviderRequest.objects.create(
        message=message, kind=kind, case=w.case, resident=w.resident, provider=w.provider,
        reference=f"R{n}", product_category="02", starts_on=due, received_on=due, due_on=due,
        status=status, answered_by=None if status == RequestStatus.OPEN else w.leader,
        answer_reason="Geen plek" if status == RequestStatus.AFGEWEZEN else "",
    )  # fmt: skip


def _escalation(w: World, due: datetime.date, status: str) -> None:
    Escalation.objects.create(
        case=w.case, provider=w.provider, product_category="02", volume=Decimal(4), unit="04",
        frequency="2", starts_on=due, ends_on=due, reason="Meer nodig", mandate_note="Boven",
        requested_by=w.coordinator, due_on=due, status=status,
        answer="" if status == EscalationStatus.OPEN else "Ja",
        answered_by=None if status == EscalationStatus.OPEN else w.leader,
    )  # fmt: skip


@pytest.fixture
def two(db: None) -> tuple[World, World]:
    """Two teams' cases, each with open and answered requests and escalations."""
    a, b = build_world(), build_world()
    n = 0
    for w, day in ((a, 10), (b, 11)):
        for kind, offset, status in (
            ("315", 0, RequestStatus.OPEN),
            ("317", 3, RequestStatus.OPEN),
            ("315", 1, RequestStatus.TOEGEWEZEN),
            ("317", 2, RequestStatus.AFGEWEZEN),
        ):
            n += 1
            _request(w, n, kind, datetime.date(2026, 10, day + offset), status)
        _escalation(w, datetime.date(2026, 10, day + 5), EscalationStatus.OPEN)
        _escalation(w, datetime.date(2026, 10, day + 6), EscalationStatus.INGEZET)
        _escalation(w, datetime.date(2026, 10, day + 7), EscalationStatus.AFGEWEZEN)
    return a, b


def _normal(sql: str) -> str:
    """PostgreSQL's ``InIds`` array as sent (``ARRAY[1, 2]``) and as its literal (``'{1,2}'``)
    written the same, without the element type psycopg gives a list it sends (``'{3}'::int2[]``:
    the smallest integer type that holds its values; the statement casts it to ``bigint[]``);
    SQLite's JSON text is the same in both."""
    sql = re.sub(r"::int[248]\[\]", "", sql)
    sql = re.sub(r"ARRAY\[([\d, ]*)\]", lambda m: "{" + m[1].replace(" ", "") + "}", sql)
    return sql.replace("'{", "{").replace("}'", "}")


def _case_lists(a: World, b: World) -> list[list[int]]:
    ca, cb = a.case.pk, b.case.pk
    return [[], [ca], [cb], [ca, cb], [cb + 10_000], [ca, cb, cb + 1]]


def _team_lists(a: World, b: World) -> list[list[int]]:
    return [[], [a.team.pk], [b.team.pk], [a.team.pk, b.team.pk], [b.team.pk + 10_000]]


def test_the_items_are_the_old_sources(two: tuple[World, World]) -> None:
    a, b = two
    compiled.clear()
    kinds = set()
    for language in ("nl", "en"):
        with translation.override(language):
            for _round in range(2):  # compiling, then compiled
                for user in (a.leader, a.coordinator, b.leader):
                    for cases in _case_lists(a, b):
                        for teams in _team_lists(a, b):
                            got = queue.requests_source(user, cases, teams, TODAY)
                            assert got == legacy_requests(user, cases, teams, TODAY)
                            got_e = queue.escalations_source(user, cases, teams, TODAY)
                            assert got_e == legacy_escalations(user, cases, teams, TODAY)
                            kinds.update(i.kind for i in got + got_e)
    assert kinds == {"verzoek", "escalatie"}
    # the rule: only open ones, only of the given cases / the led teams
    only_a = queue.requests_source(a.leader, [a.case.pk], [], TODAY)
    assert [(i.case_id, i.due_on) for i in only_a] == [
        (a.case.pk, datetime.date(2026, 10, 10)),
        (a.case.pk, datetime.date(2026, 10, 13)),
    ]
    leader_teams = org_policies.leader_team_ids(a.leader)
    assert leader_teams == [a.team.pk]
    escalated = queue.escalations_source(a.leader, [], leader_teams, TODAY)
    assert [(i.case_id, i.due_on) for i in escalated] == [(a.case.pk, datetime.date(2026, 10, 15))]
    assert queue.escalations_source(a.coordinator, [a.case.pk], [], TODAY) == []


def test_the_statements_are_the_orms(two: tuple[World, World]) -> None:
    a, b = two
    compiled.clear()
    for _round in range(2):
        for cases in _case_lists(a, b):
            with CaptureQueriesContext(connection) as new:
                queue.requests_source(a.leader, cases, [], TODAY)
            with CaptureQueriesContext(connection) as old:
                legacy_requests(a.leader, cases, [], TODAY)
            assert [_normal(q["sql"]) for q in new] == [_normal(q["sql"]) for q in old]
            assert len(new) == (1 if cases else 0)
        for teams in _team_lists(a, b):
            with CaptureQueriesContext(connection) as new:
                queue.escalations_source(a.leader, [], teams, TODAY)
            with CaptureQueriesContext(connection) as old:
                legacy_escalations(a.leader, [], sorted(teams), TODAY)
            assert [q["sql"] for q in new] == [q["sql"] for q in old]
            assert len(new) == (1 if teams else 0)
    mine = {k: v for k, v in compiled._cache().items() if k[0][0] == "iwmo"}
    assert mine and all(v is not None for v in mine.values())  # every shape compiled
