import datetime

import pytest
from django.test import Client

from wijkteam.cases.constants import Channel
from wijkteam.cases.models import Plan, Report
from wijkteam.portal.constants import REPORTS_PER_DAY
from wijkteam.portal.models import PlanAgreement, PortalReport
from wijkteam.privacy.constants import AccessAction, ConsentMethod, SharingBasis
from wijkteam.privacy.models import AccessLogEntry, Consent
from wijkteam.testing.factories import (
    OrganisationFactory,
    UserFactory,
)

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def ask(client: Client, question: str = "Ik red het niet meer met de boodschappen.") -> object:
    return client.post(
        "/mijn/hulp-vragen/",
        {"question": question, "contact_preference": "telefoon", "contact_value": "0612345678"},
    )


def test_ask_for_help_goes_to_the_buurt_team_with_its_term(setting: dict) -> None:
    client = logged_in(BSN_A)
    response = ask(client)
    assert response.status_code == 302 and response["Location"] == "/mijn/hulp-vragen/ontvangen/"
    report = Report.objects.get()
    assert report.channel == Channel.PORTAAL and report.team == setting["team"]
    assert report.resident == setting["resident"]
    assert PortalReport.objects.get(report=report).contact_preference == "telefoon"
    done = client.get("/mijn/hulp-vragen/ontvangen/").content.decode()
    assert setting["team"].name in done and "uiterlijk" in done


def test_a_double_submit_makes_one_melding_and_flooding_is_limited(setting: dict) -> None:
    client = logged_in(BSN_A)
    ask(client)
    ask(client)
    assert Report.objects.count() == 1
    for n in range(REPORTS_PER_DAY - 1):
        ask(client, f"Nog een vraag {n}")
    assert Report.objects.count() == REPORTS_PER_DAY
    response = ask(client, "Nog een vraag, te veel")
    assert response.status_code == 200
    assert "vandaag al" in response.content.decode()
    assert Report.objects.count() == REPORTS_PER_DAY


def test_an_empty_question_is_refused_with_a_dutch_message(setting: dict) -> None:
    client = logged_in(BSN_A)
    response = ask(client, "   ")
    assert response.status_code == 200
    assert "Schrijf in een paar woorden" in response.content.decode()
    assert not Report.objects.exists()


def test_an_unknown_resident_asks_and_becomes_known(setting: dict) -> None:
    client = logged_in("100000009")
    response = client.post(
        "/mijn/hulp-vragen/",
        {
            "question": "Ik zoek hulp bij mijn schulden.",
            "contact_preference": "portaal",
            "first_name": "Nieuw",
            "last_name": "Inwoner",
            "date_of_birth": "01-02-1980",
            "neighbourhood": setting["buurt"].pk,
        },
    )
    assert response.status_code == 302, response.content.decode()
    report = Report.objects.get()
    assert report.resident.bsn == "100000009" and report.team == setting["team"]
    assert "Nieuw" in client.get("/mijn/").content.decode()


def test_plan_agreement_is_recorded_with_the_version(setting: dict) -> None:
    plan = Plan.objects.create(case=setting["case"])
    client = logged_in(BSN_A)
    page = client.get(f"/mijn/hulpvraag/{setting['case'].pk}/")
    assert page.status_code == 200 and "Gaat u akkoord" in page.content.decode()
    refused = client.post(
        f"/mijn/hulpvraag/{setting['case'].pk}/",
        {"seen_version": plan.version, "choice": "niet_akkoord", "comment": ""},
    )
    assert refused.status_code == 200 and not PlanAgreement.objects.exists()
    stale = client.post(
        f"/mijn/hulpvraag/{setting['case'].pk}/",
        {"seen_version": plan.version + 1, "choice": "akkoord"},
    )
    assert "net veranderd" in stale.content.decode() and not PlanAgreement.objects.exists()
    for _ in range(2):
        client.post(
            f"/mijn/hulpvraag/{setting['case'].pk}/",
            {"seen_version": plan.version, "choice": "akkoord"},
        )
    agreement = PlanAgreement.objects.get()
    assert agreement.plan_version == plan.version and agreement.resident == setting["resident"]


def test_another_residents_case_is_refused_and_logged(setting: dict) -> None:
    client = logged_in(BSN_A)
    response = client.get(f"/mijn/hulpvraag/{setting['other_case'].pk}/")
    assert response.status_code == 404
    refusal = AccessLogEntry.objects.filter(action=AccessAction.REFUSED).get()
    assert "Mijn wijkteam" in refusal.user_name and refusal.resident_ids == []


def test_consent_withdraw_and_give_again(setting: dict) -> None:
    organisation = OrganisationFactory(municipality=setting["team"].municipality)
    consent = Consent.objects.create(
        resident=setting["resident"],
        organisation=organisation,
        basis=SharingBasis.TOESTEMMING,
        purpose="Begeleiding thuis",
        categories=["basisgegevens", "plan"],
        given_how=ConsentMethod.MONDELING,
        valid_from=datetime.date(2026, 1, 5),
        recorded_by=UserFactory(),
    )
    foreign = Consent.objects.create(
        resident=setting["other"],
        organisation=organisation,
        basis=SharingBasis.TOESTEMMING,
        purpose="x",
        categories=["plan"],
        given_how=ConsentMethod.MONDELING,
        valid_from=datetime.date(2026, 1, 5),
        recorded_by=UserFactory(),
    )
    client = logged_in(BSN_A)
    page = client.get("/mijn/toestemmingen/").content.decode()
    assert organisation.name in page and "Begeleiding thuis" in page
    client.post("/mijn/toestemmingen/", {"consent": consent.pk, "do": "intrekken"})
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    client.post("/mijn/toestemmingen/", {"consent": consent.pk, "do": "geven"})
    client.post("/mijn/toestemmingen/", {"consent": consent.pk, "do": "geven"})
    renewed = Consent.objects.filter(resident=setting["resident"], withdrawn_at__isnull=True)
    assert renewed.count() == 1 and renewed.get().given_how == ConsentMethod.PORTAAL
    response = client.post("/mijn/toestemmingen/", {"consent": foreign.pk, "do": "intrekken"})
    assert response.status_code == 400
    foreign.refresh_from_db()
    assert foreign.withdrawn_at is None


def test_access_overview_and_pdf(setting: dict) -> None:
    client = logged_in(BSN_A)
    page = client.get("/mijn/wie-keek/")
    assert page.status_code == 200
    assert "Mijn wijkteam" in page.content.decode()
    pdf = client.get("/mijn/wie-keek/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_access_overview_queries_do_not_grow(
    setting: dict, django_assert_max_num_queries: object
) -> None:
    client = logged_in(BSN_A)
    client.get("/mijn/wie-keek/")
    with django_assert_max_num_queries(20):  # type: ignore[operator]
        client.get("/mijn/wie-keek/")


# The authorization matrix: who reaches which portal page.
PAGES = ["/mijn/", "/mijn/hulp-vragen/", "/mijn/toestemmingen/", "/mijn/wie-keek/"]


@pytest.mark.parametrize("who", ["resident", "housemate", "other", "anonymous", "staff"])
def test_authorization_matrix(setting: dict, who: str, client_for: object) -> None:
    case_page = f"/mijn/hulpvraag/{setting['case'].pk}/"
    if who == "anonymous":
        client = Client()
    elif who == "staff":
        client = client_for(UserFactory())  # type: ignore[operator]
    else:
        client = logged_in(setting[who].bsn)
    for path in PAGES:
        status = client.get(path).status_code
        assert status == (302 if who in {"anonymous", "staff"} else 200), (who, path)
    expected = {"resident": 200, "housemate": 200, "other": 404}.get(who, 302)
    assert client.get(case_page).status_code == expected
