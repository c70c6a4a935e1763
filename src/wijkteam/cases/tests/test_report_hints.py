"""Meldingen and the API lists tell same-named households apart (buurt, address, birth year),
only where the case page's rule lets the member see basic data; the meldingen page names a
resident only then, and every list does so in a fixed number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkteam.cases.models import Evaluation
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import Consent
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    ReportFactory,
)

pytestmark = pytest.mark.django_db


def _place(resident, buurt: str, street: str, number: str, born: int) -> str:
    resident.neighbourhood = NeighbourhoodFactory(name=buurt)
    resident.street, resident.house_number = street, number
    resident.date_of_birth = datetime.date(born, 3, 1)
    resident.save()
    return f"{buurt} · {street} {number} · geboren {born}"


def _same_named_reports():
    first = ReportFactory(resident__first_name="Jan", resident__last_name="Jansen")
    second = ReportFactory(
        team=first.team,
        resident__first_name="Jan",
        resident__last_name="Jansen",
        resident__household__municipality=first.team.municipality,
    )
    hints = (
        _place(first.resident, "Oude Haven", "Kade", "7", 1958),
        _place(second.resident, "Nieuwland", "Esdoornlaan", "12", 1991),
    )
    return first, second, hints


def _partner(team):
    organisation = OrganisationFactory(municipality=team.municipality, name="Welzijn Partner")
    user = MembershipFactory(team=team, organisation=organisation, roles=[TeamRole.GENERALIST]).user
    return organisation, user


def _consent(resident, organisation, categories: list[str], by) -> None:
    Consent.objects.create(
        resident=resident,
        organisation=organisation,
        basis="toestemming",
        purpose="Samenwerking",
        categories=categories,
        given_how="mondeling",
        valid_from=timezone.localdate(),
        recorded_by=by,
    )


def test_meldingen_page_and_triage_tell_same_names_apart(client_for):
    first, second, (first_hint, second_hint) = _same_named_reports()
    client = client_for(MembershipFactory(team=first.team).user)
    page = client.get("/meldingen/").content.decode()
    assert page.count("Jan Jansen") == 2
    assert first_hint in page and second_hint in page
    triage = client.get(f"/meldingen/{second.pk}/").content.decode()
    assert "Melding over Jan Jansen" in triage and second_hint in triage


def test_no_name_address_or_birth_year_without_consent_for_basic_data(client_for):
    first, second, (first_hint, second_hint) = _same_named_reports()
    partner, worker = _partner(first.team)
    _consent(second.resident, partner, ["plan"], first.created_by)  # not basic data
    client = client_for(worker)
    page = client.get("/meldingen/").content.decode()
    assert "Jansen" not in page
    assert "Kade 7" not in page and "geboren 1958" not in page and "Nieuwland" not in page
    assert f"Melding {first.pk}" in page and f"Melding {second.pk}" in page
    assert "geen toestemming voor basisgegevens" in page
    triage = client.get(f"/meldingen/{first.pk}/")
    assert triage.status_code == 200
    body = triage.content.decode()
    assert "Jansen" not in body and "Kade 7" not in body and "afgeschermd" in body
    assert client.get("/api/reports/").json()[0]["household_hint"] == ""

    _consent(first.resident, partner, ["basisgegevens"], first.created_by)
    page = client.get("/meldingen/").content.decode()
    assert page.count("Jan Jansen") == 1 and first_hint in page and second_hint not in page
    hints = {r["id"]: r["household_hint"] for r in client.get("/api/reports/").json()}
    assert hints == {first.pk: first_hint, second.pk: ""}
    assert client.get(f"/api/reports/{first.pk}/").json()["household_hint"] == first_hint


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("partner", [False, True])
@pytest.mark.parametrize("path", ["/meldingen/", "/api/reports/"])
def test_meldingen_with_hints_queries_do_not_grow_with_the_rows(client_for, partner, path):
    first = ReportFactory()
    _place(first.resident, "Oude Haven", "Kade", "7", 1958)
    if partner:
        organisation, user = _partner(first.team)
        _consent(first.resident, organisation, ["basisgegevens"], first.created_by)
    else:
        user = MembershipFactory(team=first.team).user
    client = client_for(user)
    client.get(path)
    few = _count(client, path)
    for n in range(4):
        report = ReportFactory(
            team=first.team, resident__household__municipality=first.team.municipality
        )
        _place(report.resident, f"Buurt {n}", "Laan", str(n + 1), 1970 + n)
        if partner and n % 2:
            _consent(report.resident, organisation, ["basisgegevens"], first.created_by)
    assert _count(client, path) <= few
    if path.startswith("/api/"):
        hints = [r["household_hint"] for r in client.get(path).json()]
        assert sum(1 for h in hints if h) == (3 if partner else 5)


def _case_with_hint(team=None, n: int = 0):
    case = CaseFactory(**({"team": team} if team else {}), household__name="Huishouden Jansen")
    hint = _place(case.household.members.get(), f"Buurt {n}", "Laan", str(n + 1), 1950 + n)
    Evaluation.objects.create(
        case=case, planned_on=timezone.localdate() + datetime.timedelta(days=3)
    )
    return case, hint


def test_api_cases_and_work_queue_carry_the_hint(client_for):
    first, first_hint = _case_with_hint()
    second, second_hint = _case_with_hint(first.team, 1)
    report = ReportFactory(team=first.team)
    report_hint = _place(report.resident, "Centrum", "Markt", "1", 1944)
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    client = client_for(leader)
    cases = {r["id"]: r["household_hint"] for r in client.get("/api/cases/").json()["results"]}
    assert cases == {first.pk: first_hint, second.pk: second_hint}
    rows = client.get("/api/work-queue/?team=1").json()
    by_case = {r["case"]: r["household_hint"] for r in rows if r["kind"] == "evaluatie"}
    assert by_case == {first.pk: first_hint, second.pk: second_hint}
    [melding] = [r for r in rows if r["kind"] == "melding"]
    assert melding["report"] == report.pk and melding["household_hint"] == report_hint


def test_api_hints_stay_empty_without_consent_for_basic_data(client_for):
    first, first_hint = _case_with_hint()
    second, _second_hint = _case_with_hint(first.team, 1)
    partner, worker = _partner(first.team)
    for case in (first, second):
        case.involved_members.add(worker)
    _consent(first.household.members.get(), partner, ["basisgegevens"], first.coordinator)
    _consent(second.household.members.get(), partner, ["plan"], first.coordinator)
    client = client_for(worker)
    cases = {r["id"]: r["household_hint"] for r in client.get("/api/cases/").json()["results"]}
    assert cases == {first.pk: first_hint, second.pk: ""}
    rows = client.get("/api/work-queue/").json()
    assert {r["case"]: r["household_hint"] for r in rows} == {first.pk: first_hint, second.pk: ""}


@pytest.mark.parametrize("path", ["/api/cases/", "/api/work-queue/?team=1"])
def test_api_lists_with_hints_queries_do_not_grow_with_the_rows(client_for, path):
    first, _hint = _case_with_hint()
    ReportFactory(team=first.team)
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    client = client_for(leader)
    client.get(path)
    few = _count(client, path)
    for n in range(4):
        _case_with_hint(first.team, n + 1)
        ReportFactory(team=first.team, resident__household__municipality=first.team.municipality)
    assert _count(client, path) <= few
    body = client.get(path).json()
    rows = body["results"] if isinstance(body, dict) else body
    assert all(r["household_hint"] for r in rows)


def test_the_queue_page_tells_its_meldingen_apart_only_with_basic_data(client_for):
    first, second, (first_hint, second_hint) = _same_named_reports()
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    page = client_for(leader).get("/werkvoorraad/team/").content.decode()
    assert first_hint in page and second_hint in page
    assert f"Melding {first.pk}" in page and "Jansen" not in page

    partner, worker = _partner(first.team)
    _consent(first.resident, partner, ["basisgegevens"], first.created_by)
    _consent(second.resident, partner, ["plan"], first.created_by)
    page = client_for(worker).get("/werkvoorraad/").content.decode()
    assert f"Melding {second.pk}" in page
    assert first_hint in page and second_hint not in page and "Nieuwland" not in page


def test_the_queue_page_with_meldingen_queries_do_not_grow_with_the_rows(client_for):
    first = ReportFactory()
    _place(first.resident, "Oude Haven", "Kade", "7", 1958)
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    client = client_for(leader)
    client.get("/werkvoorraad/team/")
    few = _count(client, "/werkvoorraad/team/")
    for n in range(4):
        report = ReportFactory(
            team=first.team, resident__household__municipality=first.team.municipality
        )
        _place(report.resident, f"Buurt {n}", "Laan", str(n + 1), 1970 + n)
    assert _count(client, "/werkvoorraad/team/") <= few
    assert client.get("/werkvoorraad/team/").content.decode().count('class="wt-hint"') == 5
