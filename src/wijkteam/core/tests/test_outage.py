"""A database that cannot be reached: 503 pages and API answers, health checks, recovery."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client

from wijkteam.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def _down():
    return mock.patch.object(
        BaseDatabaseWrapper,
        "ensure_connection",
        side_effect=OperationalError("could not connect to server: Connection refused"),
    )


@pytest.fixture
def staff(client_for):
    client = client_for(UserFactory())
    client.raise_request_exception = False
    return client


def test_pages_answer_503_in_dutch_without_the_database_and_recover(staff):
    with _down():
        response = staff.get("/casussen/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert "niet beschikbaar" in html and 'lang="nl"' in html
    assert "could not connect" not in html
    # The database is back: the next request works without a restart.
    assert staff.get("/casussen/").status_code == 200


def test_the_api_answers_503_with_a_problem_body(staff):
    with _down():
        response = staff.get("/api/cases/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 503
    assert response.json()["code"] == "service_unavailable"
    assert response["Retry-After"] == "30"


def test_health_endpoints():
    client = Client()
    assert client.get("/health/live").json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code == 200 and ready.json()["database"] == "ok"
    with _down():
        assert client.get("/health/live").status_code == 200
        down = client.get("/health/ready")
    assert down.status_code == 503
    assert down.json()["database"] == "fout" and down["Retry-After"] == "30"
