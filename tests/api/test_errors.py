"""No 500 on any input (issue 16): ids of 2⁶³ or more, PATCH without ``expected_version``."""

import pytest
from django.utils import timezone

from wijkteam.cases.services.journal import journal_entry_create
from wijkteam.core.converters import ID_REGEX
from wijkteam.testing.factories import (
    CaseFactory,
    DistrictFactory,
    InitiativeFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    MembershipFactory,
    ResidentFactory,
    UserFactory,
)
from wijkteam.urls import router

pytestmark = pytest.mark.django_db

HUGE = str(2**63)
DETAIL_PREFIXES = sorted(
    prefix
    for prefix, viewset, _basename in router.registry
    if any(hasattr(viewset, name) for name in ("retrieve", "partial_update", "update", "destroy"))
)
PATCHABLE = sorted(
    prefix for prefix, viewset, _basename in router.registry if hasattr(viewset, "partial_update")
)


@pytest.fixture
def member(client_for):
    case = CaseFactory(onderzoek=True)
    user = MembershipFactory(team=case.team).user
    client = client_for(user)
    client.user = user
    return client, case


def test_every_detail_route_takes_only_an_id():
    patterns = [str(url.pattern) for url in router.urls]
    detail = [p for p in patterns if "(?P<" in p and "format" not in p]
    assert detail
    for pattern in detail:
        assert ID_REGEX in pattern or "(?P<number>" in pattern or "(?P<case>" in pattern, pattern


@pytest.mark.parametrize("prefix", DETAIL_PREFIXES)
@pytest.mark.parametrize("number", [HUGE, "9" * 40, "-1"])
def test_a_huge_or_negative_id_is_a_json_404(member, prefix, number):
    client, _case = member
    response = client.get(f"/api/{prefix}/{number}/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


@pytest.mark.parametrize(
    "query", ["case=" + HUGE, "case=²", "case=abc", "resident=" + HUGE, "page=²", "page=" + HUGE]
)
def test_a_bad_number_in_a_filter_is_not_a_500(member, query):
    client, _case = member
    client.raise_request_exception = False
    for path in ("/api/interventions/", "/api/evaluations/", "/api/decisions/", "/api/consents/"):
        response = client.get(f"{path}?{query}")
        assert response.status_code in (200, 400, 404), (path, query, response.status_code)


def _resident_in_scope(case, member):
    return ResidentFactory(intake_team=case.team), member


def _journal_entry_in_scope(case, member):
    """Only its author corrects an entry: the case's regisseur writes and patches it."""
    entry = journal_entry_create(
        actor=case.coordinator,
        case=case,
        occurred_on=timezone.localdate(),
        kind="telefoon",
        with_whom="Mevrouw zelf",
        note="Gebeld over de afspraak.",
        category="onderzoek",
    )
    return entry, case.coordinator


def _map_service_in_scope(case, member):
    """Only the functioneel beheerder maintains the social map."""
    org = MapOrganisationFactory(municipality=case.team.municipality)
    return MapServiceFactory(organisation=org), UserFactory(beheerder=True)


def _initiative_in_scope(case, member):
    """Everyone who reads the map changes initiatives of their municipality."""
    district = DistrictFactory(municipality=case.team.municipality)
    return InitiativeFactory(district=district), member


# Every PATCH endpoint, with a way to make an object and the user who may change it. A new
# PATCH endpoint fails test_every_patch_endpoint_is_tested until it is added here.
IN_SCOPE = {
    "residents": _resident_in_scope,
    "journal-entries": _journal_entry_in_scope,
    "social-map/services": _map_service_in_scope,
    "social-map/initiatives": _initiative_in_scope,
}


def test_every_patch_endpoint_is_tested():
    assert sorted(IN_SCOPE) == PATCHABLE


@pytest.mark.parametrize("prefix", PATCHABLE)
def test_patch_without_expected_version_is_400_naming_the_field(member, client_for, prefix):
    _client, case = member
    obj, user = IN_SCOPE[prefix](case, _client.user)
    client = client_for(user)
    response = client.patch(
        f"/api/{prefix}/{obj.pk}/", {"first_name": "Anders"}, content_type="application/json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and "expected_version" in body["errors"]
    obj.refresh_from_db()
    assert getattr(obj, "first_name", None) != "Anders"


@pytest.mark.parametrize("prefix", PATCHABLE)
def test_patch_with_a_bad_expected_version_is_400(member, client_for, prefix):
    _client, case = member
    obj, user = IN_SCOPE[prefix](case, _client.user)
    client = client_for(user)
    for bad in ("x", None, 2**63):
        response = client.patch(
            f"/api/{prefix}/{obj.pk}/", {"expected_version": bad}, content_type="application/json"
        )
        assert response.status_code in (400, 409), (bad, response.status_code)
