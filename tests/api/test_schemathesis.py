"""Schemathesis against the OpenAPI document: no 5xx, every answer as documented (issue 16).

Each operation gets ``EXAMPLES`` generated requests (fixed seed: ``derandomize``) from a
verified professional with a team, a case and a resident, through the WSGI application. A
request fails the test on a server error or on a status, content type or body the document
does not describe. Runs in ``make test``; about a minute on a laptop.
"""

import json
import secrets
from typing import Any

import pytest
import schemathesis
from django.core.serializers.json import DjangoJSONEncoder
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from wijkteam.testing.factories import CaseFactory, MembershipFactory, ResidentFactory
from wijkteam.wsgi import application

pytestmark = [pytest.mark.django_db, pytest.mark.schemathesis]

EXAMPLES = 25
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


def _document() -> dict[str, Any]:
    raw = SchemaGenerator().get_schema(request=None, public=True)
    return json.loads(json.dumps(raw, cls=DjangoJSONEncoder))


SCHEMA = schemathesis.openapi.from_dict(_document())
SCHEMA.app = application
OPERATIONS = {op.label: op for op in (r.ok() for r in SCHEMA.get_all_operations())}


@pytest.fixture(autouse=True)
def keep_the_test_connection() -> Any:
    """As Django's test client does: the WSGI calls must not close the test's connection
    (inside the test's transaction PostgreSQL's connection would count as obsolete)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def auth(client_for, settings) -> dict[str, Any]:
    settings.ALLOWED_HOSTS = ["*"]
    case = CaseFactory()
    ResidentFactory(household=case.household)
    user = MembershipFactory(team=case.team).user
    client = client_for(user)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    token = secrets.token_urlsafe(24)[:32].ljust(32, "x")
    return {
        "cookies": {settings.SESSION_COOKIE_NAME: session, settings.CSRF_COOKIE_NAME: token},
        "headers": {"X-CSRFToken": token},
    }


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation_answers_as_documented(label: str, auth: dict[str, Any]) -> None:
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def run(case: Any) -> None:
        case.call_and_validate(checks=CHECKS, **auth)

    run()
