"""The work queue tells same-named households apart and shows who is responsible, per member."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from wijkteam.cases.models import Evaluation
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import AccessLogEntry, Consent
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db


def _evaluation_due(case, days: int = 3) -> None:
    Evaluation.objects.create(
        case=case, planned_on=timezone.localdate() + datetime.timedelta(days=days)
    )


def _place(case, buurt: str, street: str, number: str, born: int) -> str:
    resident = case.household.members.get()
    resident.neighbourhood = NeighbourhoodFactory(name=buurt)
    resident.street, resident.house_number = street, number
    resident.date_of_birth = datetime.date(born, 3, 1)
    resident.save()
    return f"{buurt} · {street} {number} · geboren {born}"


def _same_named_pair():
    first = CaseFactory(household__name="Huishouden Jansen")
    second = CaseFactory(team=first.team, household__name="Huishouden Jansen")
    hints = (
        _place(first, "Oude Haven", "Kade", "7", 1958),
        _place(second, "Nieuwland", "Esdoornlaan", "12", 1991),
    )
    for case in (first, second):
        _evaluation_due(case)
    return first, second, hints


def test_team_queue_tells_two_same_named_households_apart(client_for):
    first, second, (first_hint, second_hint) = _same_named_pair()
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    page = client_for(leader).get("/werkvoorraad/team/").content.decode()
    assert page.count("Huishouden Jansen") == 2
    assert first_hint in page and second_hint in page
    assert page.count('class="wt-hint"') == 2
    # Who is responsible for each row.
    assert (
        escape(first.coordinator.display_name) in page
        and escape(second.coordinator.display_name) in page
    )
    # Reading the hints is logged with the residents shown.
    entry = AccessLogEntry.objects.filter(purpose="werkvoorraad bekeken").latest("id")
    assert entry is not None


def test_member_filter_keeps_the_hint_and_leaves_out_the_others(client_for):
    first, second, (first_hint, second_hint) = _same_named_pair()
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    client = client_for(leader)
    filtered = client.get(f"/werkvoorraad/team/?lid={second.coordinator.pk}").content.decode()
    assert second_hint in filtered and first_hint not in filtered
    assert f'<option value="{second.coordinator.pk}" selected>' in filtered
    # A member who is involved (not the coordinator) sees the case under their name too.
    helper = MembershipFactory(team=first.team, roles=[TeamRole.GENERALIST]).user
    first.involved_members.add(helper)
    involved = client.get(f"/werkvoorraad/team/?lid={helper.pk}").content.decode()
    assert first_hint in involved and second_hint not in involved


def _partner_worker(case):
    partner = OrganisationFactory(municipality=case.team.municipality, name="Welzijn Partner")
    worker = MembershipFactory(
        team=case.team, organisation=partner, roles=[TeamRole.GENERALIST]
    ).user
    case.involved_members.add(worker)
    return partner, worker


def _consent(case, organisation, categories: list[str]) -> None:
    for resident in case.household.members.all():
        Consent.objects.create(
            resident=resident,
            organisation=organisation,
            basis="toestemming",
            purpose="Samenwerking",
            categories=categories,
            given_how="mondeling",
            valid_from=timezone.localdate(),
            recorded_by=case.coordinator,
        )


def test_no_address_or_birth_year_without_consent_for_basic_data(client_for):
    first, second, (first_hint, second_hint) = _same_named_pair()
    partner, worker = _partner_worker(first)
    second.involved_members.add(worker)
    _consent(second, partner, ["plan"])  # consent, but not for basic data
    client = client_for(worker)
    page = client.get("/werkvoorraad/").content.decode()
    assert page.count("Huishouden Jansen") == 2
    assert "Oude Haven" not in page and "Kade 7" not in page and "geboren 1958" not in page
    assert "Nieuwland" not in page and "geboren 1991" not in page
    assert 'class="wt-hint"' not in page

    _consent(first, partner, ["basisgegevens"])
    page = client.get("/werkvoorraad/").content.decode()
    assert first_hint in page and second_hint not in page


def _count(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("partner", [False, True])
def test_queue_with_hints_queries_do_not_grow_with_the_rows(client_for, partner):
    first = CaseFactory()
    _place(first, "Oude Haven", "Kade", "7", 1958)
    _evaluation_due(first)
    if partner:
        organisation, user = _partner_worker(first)
        _consent(first, organisation, ["basisgegevens"])
        path = "/werkvoorraad/"
    else:
        user = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
        path = "/werkvoorraad/team/"
    client = client_for(user)
    client.get(path)
    few = _count(client, path)
    for n in range(4):
        case = CaseFactory(team=first.team, household__name="Huishouden Jansen")
        _place(case, f"Buurt {n}", "Laan", str(n + 1), 1970 + n)
        _evaluation_due(case, 4)
        if partner:
            case.involved_members.add(user)
            _consent(case, organisation, ["basisgegevens"] if n % 2 else [])
    many = _count(client, path)
    assert many <= few
    page = client.get(path).content.decode()
    assert page.count('class="wt-hint"') == (3 if partner else 5)


def test_api_queue_names_who_is_responsible_and_filters_per_member(client_for):
    first, second, _hints = _same_named_pair()
    leader = MembershipFactory(team=first.team, roles=[TeamRole.TEAMLEIDER]).user
    client = client_for(leader)
    rows = client.get("/api/work-queue/?team=1").json()
    responsible = {r["case"]: r["responsible"] for r in rows if r["kind"] == "evaluatie"}
    assert responsible == {
        first.pk: first.coordinator.display_name,
        second.pk: second.coordinator.display_name,
    }
    rows = client.get(f"/api/work-queue/?team=1&lid={second.coordinator.pk}").json()
    assert {r["case"] for r in rows} == {second.pk}
    # Not a member of the leader's teams (or no number): the whole team's queue.
    rows = client.get("/api/work-queue/?team=1&lid=x").json()
    assert {r["case"] for r in rows} >= {first.pk, second.pk}
