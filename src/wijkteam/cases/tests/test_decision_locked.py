"""The decision read under its lock is Django's ``select_for_update().get`` (``h-dec5``).

``services/decision/locked.lock_decision`` sends the statement compiled once: the same SQL
text and parameters as ``Decision.objects.select_for_update().get(pk=…)`` (``FOR UPDATE`` on
PostgreSQL), the same row, and ``Decision.DoesNotExist`` for a decision that is gone; for
several decisions in turn (the statement reused with another id).
"""

import pytest
from django.db import connection, transaction
from django.forms.models import model_to_dict
from django.test.utils import CaptureQueriesContext

from wijkteam.cases.models import Decision
from wijkteam.cases.services.decision.locked import lock_decision

from .test_decision_fixtures import build_world, decided, request_decision

pytestmark = pytest.mark.django_db


def test_the_lock_is_djangos_statement_and_row():
    w = build_world()
    decisions = [request_decision(w), decided(w), request_decision(w)]
    for decision in decisions * 2:
        with transaction.atomic(), CaptureQueriesContext(connection) as ours:
            mine = lock_decision(decision.pk)
        with transaction.atomic(), CaptureQueriesContext(connection) as django:
            theirs = Decision.objects.select_for_update().get(pk=decision.pk)
        statements = [q["sql"] for q in ours.captured_queries if "cases_decision" in q["sql"]]
        expected = [q["sql"] for q in django.captured_queries if "cases_decision" in q["sql"]]
        assert statements == expected and len(statements) == 1
        if connection.vendor == "postgresql":
            assert "FOR UPDATE" in statements[0]
        assert type(mine) is Decision and mine.pk == theirs.pk
        assert model_to_dict(mine) == model_to_dict(theirs)
        assert mine._state.db == theirs._state.db and not mine._state.adding


def test_a_decision_that_is_gone_is_does_not_exist():
    with transaction.atomic(), pytest.raises(Decision.DoesNotExist) as ours:
        lock_decision(987654321)
    with transaction.atomic(), pytest.raises(Decision.DoesNotExist) as django:
        Decision.objects.select_for_update().get(pk=987654321)
    assert str(ours.value) == str(django.value)
