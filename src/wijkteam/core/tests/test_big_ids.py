"""An id of 2⁶³ or more: 404 in a URL, 400 in an API filter; never a 500, on every engine."""

import pytest

from wijkteam.testing.factories import CaseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

HUGE = str(2**63)
HUGER = "9" * 40


@pytest.fixture
def member_client(client_for):
    case = CaseFactory()
    member = MembershipFactory(team=case.team).user
    client = client_for(member)
    client.raise_request_exception = False
    return client, case


@pytest.mark.parametrize("number", [HUGE, HUGER])
def test_a_huge_id_in_a_page_url_is_not_found(member_client, number):
    client, case = member_client
    for path in (
        f"/casussen/{number}/",
        f"/casussen/{case.pk}/plan/versies/{number}/",
        f"/inwoners/{number}/",
        f"/notificaties/{number}/",
    ):
        assert client.get(path).status_code == 404, path
    assert client.get("/casussen/").status_code == 200


@pytest.mark.parametrize("number", [HUGE, HUGER])
def test_a_huge_id_in_the_api_is_not_found_or_refused(member_client, number):
    client, _case = member_client
    assert client.get(f"/api/cases/{number}/").status_code == 404
    assert client.get(f"/api/residents/{number}/").status_code == 404
    response = client.get(f"/api/cases/?team={number}")
    assert response.status_code in (200, 400)
    assert response.status_code != 500
