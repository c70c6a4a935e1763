import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.models import Case, Conversation, Investigation, TrackedTerm
from wijkteam.cases.services import investigation as services
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import CaseFactory, MembershipFactory, NetworkMemberFactory
from wijkteam.testing.pdf import pdf_text

from .test_investigation_services import add, conclude, onderzoek_case

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


def today() -> datetime.date:
    return timezone.localdate()


def url(name: str, case: Case) -> str:
    return reverse(f"cases:{name}", args=[case.pk])


def with_supporter(case: Case):
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    Case.objects.filter(pk=case.pk).update(client_supporter=supporter)
    return supporter


FORM_PAGES = ["conversation_add", "investigation_edit", "investigation_complete", "verslag_handed"]


@pytest.mark.parametrize("name", FORM_PAGES)
def test_form_pages_for_workers_only(client_for, name):
    case = onderzoek_case()
    supporter = with_supporter(case)
    assert client_for(case.coordinator).get(url(name, case)).status_code == 200
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    assert client_for(leader).get(url(name, case)).status_code == 200
    # the cliëntondersteuner sees the case but never works it; others do not see it at all
    assert client_for(supporter).get(url(name, case)).status_code == 404
    assert (
        client_for(MembershipFactory(team=case.team).user).get(url(name, case)).status_code == 404
    )
    assert client_for(MembershipFactory().user).get(url(name, case)).status_code == 404


@pytest.mark.parametrize("name", FORM_PAGES)
def test_form_pages_404_without_investigation(client_for, name):
    case = CaseFactory()
    assert client_for(case.coordinator).get(url(name, case)).status_code == 404


def test_add_conversation_through_the_screen(client_for):
    case = onderzoek_case(residents=2)
    carer = NetworkMemberFactory(household=case.household, name="Henk Buurman")
    client = client_for(case.coordinator)
    page = client.get(url("conversation_add", case)).content.decode()
    assert "Henk Buurman (mantelzorger)" in page
    assert 'type="checkbox"' in page and "<legend" in page
    resident = case.household.members.first()
    response = client.post(
        url("conversation_add", case),
        {
            "held_on": (today() - DAY).isoformat(),
            "place": "Bij de inwoner thuis",
            "residents": [resident.pk],
            "network_members": [carer.pk],
            "client_supporter_present": "on",
            "other_participants": "",
            "summary": "Besproken: boodschappen en koken.",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == url("detail", case) + "?onderdeel=onderzoek#investigation"
    conversation = Conversation.objects.get()
    assert list(conversation.residents.all()) == [resident]
    assert list(conversation.network_members.all()) == [carer]
    assert conversation.client_supporter_present


def test_invalid_conversation_is_400_with_the_dutch_message_and_nothing_stored(client_for):
    case = onderzoek_case()
    response = client_for(case.coordinator).post(
        url("conversation_add", case),
        {
            "held_on": (today() + DAY).isoformat(),
            "place": "Thuis",
            "residents": [case.household.members.first().pk],
            "summary": "Iets",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een gesprek kan niet in de toekomst hebben plaatsgevonden." in html
    assert 'aria-invalid="true"' in html
    assert not Conversation.objects.exists()


def test_conversation_with_a_resident_of_another_household_is_refused(client_for):
    case = onderzoek_case()
    other = CaseFactory(team=case.team)
    response = client_for(case.coordinator).post(
        url("conversation_add", case),
        {
            "held_on": today().isoformat(),
            "place": "Thuis",
            "residents": [other.household.members.first().pk],
            "summary": "Iets",
        },
    )
    assert response.status_code == 400
    assert not Conversation.objects.exists()


def test_update_through_the_screen_meets_the_personal_plan_term(client_for):
    case = onderzoek_case()
    from wijkteam.cases.services.terms import term_start

    term_start(case=case, key="wmo_persoonlijk_plan", starts_on=today() - 5 * DAY)
    client = client_for(case.coordinator)
    page = client.get(url("investigation_edit", case)).content.decode()
    fingerprint = services.investigation_fingerprint(Investigation.objects.get(case=case))
    assert fingerprint in page
    response = client.post(
        url("investigation_edit", case),
        {
            "personal_plan_received_on": (today() - DAY).isoformat(),
            "personal_plan_summary": "Ik wil zelf koken.",
            "conclusion": "Hulp bij het huishouden.",
            "fingerprint": fingerprint,
        },
    )
    assert response.status_code == 302
    inv = Investigation.objects.get(case=case)
    assert inv.conclusion == "Hulp bij het huishouden."
    assert TrackedTerm.objects.get(case=case, key="wmo_persoonlijk_plan").met_on == today() - DAY


def test_stale_update_is_refused_with_a_message(client_for):
    case = onderzoek_case()
    fingerprint = services.investigation_fingerprint(Investigation.objects.get(case=case))
    conclude(case, "Door een collega")
    response = client_for(case.coordinator).post(
        url("investigation_edit", case),
        {"personal_plan_summary": "", "conclusion": "Mijn versie", "fingerprint": fingerprint},
    )
    assert response.status_code == 400
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in response.content.decode()
    assert Investigation.objects.get(case=case).conclusion == "Door een collega"


def test_complete_without_conversation_shows_why(client_for):
    case = onderzoek_case()
    response = client_for(case.coordinator).post(
        url("investigation_complete", case), {"completed_on": today().isoformat()}
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Leg eerst minstens één keukentafelgesprek vast" in html
    assert "Schrijf eerst de conclusie van het onderzoek op" in html
    assert Investigation.objects.get(case=case).completed_on is None


def test_complete_and_hand_the_verslag_through_the_screens(client_for):
    case = onderzoek_case()
    add(case, held_on=today() - DAY)
    conclude(case)
    client = client_for(case.coordinator)
    early = client.post(url("verslag_handed", case), {"handed_on": today().isoformat()})
    assert early.status_code == 400
    assert "Rond eerst het onderzoek af" in early.content.decode()
    response = client.post(url("investigation_complete", case), {"completed_on": "2026-13-01"})
    assert response.status_code == 400  # an impossible date is a form error, never a 500
    response = client.post(
        url("investigation_complete", case), {"completed_on": today().isoformat()}
    )
    assert response.status_code == 302
    response = client.post(url("verslag_handed", case), {"handed_on": today().isoformat()})
    assert response.status_code == 302
    inv = Investigation.objects.get(case=case)
    assert inv.completed_on == today() and inv.report_handed_on == today()


def test_verslag_pdf_download(client_for):
    case = onderzoek_case()
    add(case, summary="Mevrouw wil zelf blijven koken.")
    supporter = with_supporter(case)
    for user in (case.coordinator, supporter):  # the cliëntondersteuner may hand it over too
        response = client_for(user).get(url("verslag_pdf", case))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="verslag-onderzoek-{case.pk}.pdf"'
        )
        assert response["Cache-Control"] == "no-store"
        assert response.content.startswith(b"%PDF")
        text = pdf_text(response.content)
        assert "Verslag van het onderzoek" in text
        assert "Mevrouw wil zelf blijven koken." in text
    exports = AccessLogEntry.objects.filter(action=AccessAction.EXPORT)
    assert exports.count() == 2
    assert {e.user_id for e in exports} == {case.coordinator.pk, supporter.pk}


def test_verslag_pdf_out_of_scope_or_without_investigation_is_404(client_for):
    case = onderzoek_case()
    assert client_for(MembershipFactory().user).get(url("verslag_pdf", case)).status_code == 404
    without = CaseFactory()
    assert client_for(without.coordinator).get(url("verslag_pdf", without)).status_code == 404
    assert not AccessLogEntry.objects.filter(action=AccessAction.EXPORT).exists()


def test_case_page_shows_the_investigation_section(client_for):
    case = onderzoek_case()
    add(case, place="Wijkcentrum De Kom", other_participants="Tolk")
    html = (
        client_for(case.coordinator)
        .get(url("detail", case) + "?onderdeel=onderzoek")
        .content.decode()
    )
    assert 'id="investigation"' in html
    assert "Wijkcentrum De Kom" in html and "Tolk" in html
    assert url("conversation_add", case) in html
    assert url("verslag_pdf", case) in html
    assert "Concept van het verslag downloaden (PDF)" in html


def test_case_page_without_work_rights_shows_no_work_links(client_for):
    case = onderzoek_case()
    supporter = with_supporter(case)
    html = client_for(supporter).get(url("detail", case) + "?onderdeel=onderzoek").content.decode()
    assert url("verslag_pdf", case) in html
    assert url("conversation_add", case) not in html
    assert url("investigation_complete", case) not in html


def test_case_page_without_investigation_has_no_section(client_for):
    case = CaseFactory()
    html = (
        client_for(case.coordinator)
        .get(url("detail", case) + "?onderdeel=onderzoek")
        .content.decode()
    )
    assert 'id="investigation"' not in html


def test_section_adds_a_constant_number_of_queries(client_for):
    case = onderzoek_case(residents=2)
    add(case)
    client = client_for(case.coordinator)
    client.get(url("detail", case) + "?onderdeel=onderzoek")
    with CaptureQueriesContext(connection) as small:
        assert client.get(url("detail", case) + "?onderdeel=onderzoek").status_code == 200
    members = list(case.household.members.all())
    for i in range(5):
        carer = NetworkMemberFactory(household=case.household)
        add(case, place=f"Plek {i}", residents=members, network_members=[carer])
    with CaptureQueriesContext(connection) as large:
        html = client.get(url("detail", case) + "?onderdeel=onderzoek").content.decode()
    assert "Plek 4" in html
    assert len(large) == len(small)
