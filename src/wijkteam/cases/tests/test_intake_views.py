import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case, Report
from wijkteam.cases.services.terms import term_start
from wijkteam.organisation.constants import TeamRole
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NetworkMemberFactory,
    ReportFactory,
    ResidentFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_melding_to_case_through_the_screens(client_for):
    team = TeamFactory()
    user = MembershipFactory(team=team).user
    client = client_for(user)
    response = client.post(
        reverse("residents:create"),
        {
            "first_name": "Truus",
            "last_name": "de Wit",
            "date_of_birth": "1941-03-02",
            "household_relation": "hoofdbewoner",
            "postcode": "1234 ab",
            "bsn": "",
        },
    )
    resident = Resident.objects.get(last_name="de Wit")
    assert response["Location"] == reverse("cases:report_create") + f"?inwoner={resident.pk}"
    assert resident.postcode == "1234AB" and resident.intake_team == team
    received = timezone.localtime() - datetime.timedelta(hours=2)
    response = client.post(
        f"{reverse('cases:report_create')}?inwoner={resident.pk}",
        {
            "team": team.pk,
            "channel": "telefoon",
            "referrer_kind": "huisarts",
            "question": "Kan niet meer douchen.",
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "law_track": "wmo",
            "informed_about_client_support": "on",
        },
    )
    report = Report.objects.get()
    assert response["Location"] == reverse("cases:report_triage", args=[report.pk])
    response = client.post(
        reverse("cases:report_triage", args=[report.pk]), {"outcome": "onderzoek"}
    )
    case = Case.objects.get()
    assert response["Location"] == reverse("cases:detail", args=[case.pk])
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Truus de Wit" in page and "Onderzoek" in page


def test_bad_bsn_and_postcode_get_dutch_messages(client_for):
    user = MembershipFactory().user
    response = client_for(user).post(
        reverse("residents:create"),
        {
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": "1980-01-01",
            "household_relation": "hoofdbewoner",
            "bsn": "123456789",
            "postcode": "0123AB",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "elfproef" in html and "Een postcode is 4 cijfers en 2 letters" in html
    assert not Resident.objects.exists()


def test_future_birth_date_refused(client_for):
    user = MembershipFactory().user
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = client_for(user).post(
        reverse("residents:create"),
        {
            "first_name": "A",
            "last_name": "B",
            "date_of_birth": tomorrow.isoformat(),
            "household_relation": "hoofdbewoner",
        },
    )
    assert response.status_code == 400 and "toekomst" in response.content.decode()


def test_duplicate_warning_links_to_existing(client_for):
    team = TeamFactory()
    user = MembershipFactory(team=team).user
    existing = ResidentFactory(
        first_name="Piet",
        last_name="Jansen",
        date_of_birth=datetime.date(1950, 1, 1),
        postcode="1234AB",
        household__municipality=team.municipality,
        intake_team=team,
    )
    data = {
        "first_name": "Piet",
        "last_name": "Jansen",
        "date_of_birth": "1950-01-01",
        "household_relation": "hoofdbewoner",
        "postcode": "1234AB",
    }
    response = client_for(user).post(reverse("residents:create"), data)
    assert response.status_code == 400
    assert reverse("residents:detail", args=[existing.pk]) in response.content.decode()
    assert Resident.objects.count() == 1
    response = client_for(user).post(
        reverse("residents:create"), {**data, "confirm_not_duplicate": "on"}
    )
    assert response.status_code == 302 and Resident.objects.count() == 2


def test_masked_bsn_on_pages(client_for):
    case = CaseFactory()
    resident = case.household.members.first()
    resident.bsn = "111222333"
    resident.save()
    page = (
        client_for(case.coordinator).get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    assert "******333" in page and "111222333" not in page


def test_illegal_transition_via_screen(client_for):
    case = CaseFactory()
    response = client_for(case.coordinator).post(
        reverse("cases:transition", args=[case.pk]),
        {"to_state": "evaluatie", "expected_version": 1},
    )
    assert response.status_code == 400
    case.refresh_from_db()
    assert case.state == CaseState.AANGEMELD


def test_case_page_out_of_scope_is_404(client_for):
    case = CaseFactory()
    assert (
        client_for(MembershipFactory().user)
        .get(reverse("cases:detail", args=[case.pk]))
        .status_code
        == 404
    )
    assert (
        client_for(UserFactory(beheerder=True))
        .get(reverse("cases:detail", args=[case.pk]))
        .status_code
        == 404
    )


def test_overloaded_carer_flagged_on_case_page(client_for):
    case = CaseFactory()
    NetworkMemberFactory(household=case.household, overloaded=True, name="Henk Pieters")
    page = (
        client_for(case.coordinator).get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    assert "dreigt overbelast" in page and "Henk Pieters" in page


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx)


# The case page's query counts, per tab and whatever the size of the case: test_case_tabs.py.


@pytest.mark.parametrize("url_name", ["cases:list", "cases:queue", "cases:reports"])
def test_list_query_counts_are_constant(client_for, url_name):
    team = TeamFactory()
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER, TeamRole.GENERALIST]).user
    client = client_for(leader)
    first = CaseFactory(team=team, coordinator=leader)
    term_start(case=first, key="wmo_onderzoek", starts_on=datetime.date(2026, 2, 2))
    ReportFactory(team=team)  # the baseline holds one of everything the page can show
    client.get(reverse(url_name))
    small = _count(client, reverse(url_name))
    for _ in range(6):
        case = CaseFactory(team=team, coordinator=leader, residents=2)
        term_start(case=case, key="wmo_onderzoek", starts_on=datetime.date(2026, 2, 2))
        ReportFactory(team=team)
    assert _count(client, reverse(url_name)) == small
    assert small <= 25


def test_involve_a_colleague_via_screen(client_for):
    case = CaseFactory()
    beslisser = MembershipFactory(team=case.team, roles=[TeamRole.BESLISSER]).user
    client = client_for(case.coordinator)
    assert client.get(reverse("cases:involve", args=[case.pk])).status_code == 200
    response = client.post(reverse("cases:involve", args=[case.pk]), {"member": beslisser.pk})
    assert response.status_code == 302
    assert client_for(beslisser).get(reverse("cases:detail", args=[case.pk])).status_code == 200
    outsider = MembershipFactory().user
    response = client.post(reverse("cases:involve", args=[case.pk]), {"member": outsider.pk})
    assert response.status_code == 400
    assert not case.involved_members.filter(pk=outsider.pk).exists()


def test_triage_screen_records_consent_for_the_partner_organisation(client_for):
    from wijkteam.privacy.models import Consent
    from wijkteam.testing.factories import OrganisationFactory

    team = TeamFactory()
    user = MembershipFactory(team=team).user
    partner = OrganisationFactory(municipality=team.municipality, name="Welzijn Partner")
    MembershipFactory(team=team, organisation=partner)
    report = ReportFactory(team=team)
    client = client_for(user)
    url = reverse("cases:report_triage", args=[report.pk])
    page = client.get(url).content.decode()
    assert "toestemming om gegevens te delen met de organisaties van het team" in page
    response = client.post(
        url,
        {"outcome": "onderzoek", "consent_given": "on", "consent_categories": ["basisgegevens"]},
    )
    assert response.status_code == 400
    assert "mondeling of schriftelijk" in response.content.decode()
    assert not Consent.objects.exists()
    response = client.post(
        url,
        {
            "outcome": "onderzoek",
            "consent_given": "on",
            "consent_how": "mondeling",
            "consent_categories": ["basisgegevens", "netwerk"],
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.organisation == partner and consent.categories == ["basisgegevens", "netwerk"]
