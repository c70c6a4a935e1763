"""One timeline per case: the registry, the sources of casework, documents and the portal, the
filter by kind, consent, the fixed query count, and the printable PDF."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases import timeline
from wijkteam.cases.models import Conversation, Investigation
from wijkteam.cases.services.evaluation import evaluation_plan, evaluation_record
from wijkteam.cases.services.journal import journal_entry_create
from wijkteam.cases.tests.test_decision_fixtures import build_world, decided
from wijkteam.organisation.constants import TeamRole
from wijkteam.portal.models import Message
from wijkteam.privacy.models import AccessLogEntry, Consent
from wijkteam.testing.factories import DocumentFactory, MembershipFactory, OrganisationFactory
from wijkteam.testing.pdf import pdf_text

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def note(case, author, text, category="onderzoek"):
    return journal_entry_create(
        actor=author,
        case=case,
        occurred_on=TODAY,
        kind="huisbezoek",
        with_whom="Mevrouw zelf",
        note=text,
        category=category,
    )


@pytest.fixture
def world():
    w = build_world()
    note(w.case, w.coordinator, "Keukentafel: trap is een probleem.")
    decided(w)
    DocumentFactory(case=w.case, description="Brief van de huisarts")
    Message.objects.create(case=w.case, direction="inwoner", resident=w.resident, body="Dank u!")
    investigation = Investigation.objects.create(case=w.case, started_on=TODAY)
    Conversation.objects.create(
        investigation=investigation,
        held_on=TODAY,
        place="Thuis",
        summary="Gesprek aan tafel.",
        recorded_by=w.coordinator,
    )
    evaluation = evaluation_plan(actor=w.coordinator, case=w.case, planned_on=TODAY)
    evaluation_record(
        actor=w.coordinator,
        evaluation=evaluation,
        held_on=TODAY,
        outcome="voortzetten",
        notes="Goed op weg.",
    )
    return w


def test_every_source_is_on_the_timeline_newest_first(client_for, world):
    html = client_for(world.coordinator).get(reverse("cases:timeline", args=[world.case.pk]))
    assert html.status_code == 200
    page = html.content.decode()
    for text in (
        "Keukentafel: trap is een probleem.",  # journal
        "Regisseur:",  # regie
        "Aanvraag:",
        "Besluit:",  # decisions
        "Document toegevoegd: Brief",  # documents
        "Dank u!",  # portal message
        "Evaluatie: voortzetten",
        "Goed op weg.",
        "Keukentafelgesprek: Thuis",
    ):
        assert text in page, text
    assert page.index("Besluit:") < page.index("Aanvraag:")  # newest first
    assert AccessLogEntry.objects.filter(purpose="casus geopend: tijdlijn").exists()


def test_filter_by_kind(client_for, world):
    url = reverse("cases:timeline", args=[world.case.pk])
    page = client_for(world.coordinator).get(url, {"soort": ["journaal", "onbekend"]})
    html = page.content.decode()
    assert "Keukentafel: trap" in html and "Besluit:" not in html and "Dank u!" not in html
    assert 'value="journaal" id="soort-journaal" checked' in html
    both = client_for(world.coordinator).get(url, {"soort": ["besluiten", "berichten"]})
    html = both.content.decode()
    assert "Besluit:" in html and "Dank u!" in html and "Keukentafel: trap" not in html
    assert "Keukentafelgesprek: Thuis" not in html


def test_a_partner_sees_only_what_consent_allows(client_for, world):
    partner = OrganisationFactory(municipality=world.team.municipality)
    member = MembershipFactory(team=world.team, organisation=partner, roles=[TeamRole.GENERALIST])
    world.case.involved_members.add(member.user)
    note(world.case, world.coordinator, "Medisch: diagnose.", category="gezondheid")
    DocumentFactory(case=world.case, medisch=True)
    Consent.objects.create(
        resident=world.resident,
        organisation=partner,
        basis="toestemming",
        purpose="Samenwerking",
        categories=["onderzoek"],
        given_how="mondeling",
        valid_from=TODAY,
        recorded_by=world.coordinator,
    )
    html = (
        client_for(member.user)
        .get(reverse("cases:timeline", args=[world.case.pk]))
        .content.decode()
    )
    assert "Keukentafel" in html and "Regisseur:" in html
    assert "Document toegevoegd: Brief" in html  # a letter falls under onderzoek
    assert "Keukentafelgesprek: Thuis" in html
    for hidden in (
        "Medisch: diagnose.",
        "Besluit:",
        "Dank u!",
        "Medische verklaring",
        "Goed op weg.",
    ):
        assert hidden not in html, hidden
    assert 'value="besluiten"' not in html  # the kind is not even offered


def test_outsiders_get_404(client_for, world):
    url = reverse("cases:timeline", args=[world.case.pk])
    assert client_for(world.outsider).get(url).status_code == 404
    assert AccessLogEntry.objects.filter(action="refused").exists()


def test_the_timeline_costs_a_fixed_number_of_queries(client_for, world):
    client = client_for(world.coordinator)
    url = reverse("cases:timeline", args=[world.case.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for n in range(5):
        note(world.case, world.coordinator, f"notitie {n}")
        DocumentFactory(case=world.case)
        Message.objects.create(
            case=world.case, direction="inwoner", resident=world.resident, body=f"bericht {n}"
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)
    assert len(few) <= 28


def test_the_timeline_as_pdf_is_logged_as_an_export(client_for, world):
    url = reverse("cases:timeline_pdf", args=[world.case.pk])
    response = client_for(world.coordinator).get(url, {"soort": "journaal"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "no-store"
    text = pdf_text(response.content)
    assert "Tijdlijn van de casus" in text and "Keukentafel" in text and "Besluit" not in text
    assert AccessLogEntry.objects.filter(action="export", purpose__contains="tijdlijn").exists()


def test_a_registered_source_is_used_and_ordered():
    calls = []

    def items(case, user, categories):
        calls.append(case)
        return [timeline.TimelineItem(at=timezone.now(), kind="test", title="Iets")]

    timeline.register(timeline.Source(kind="test", label="Test", order=999, items=items))
    try:
        kinds = [s.kind for s in timeline.sources(None)]
        assert kinds[-1] == "test" and kinds.index("journaal") < kinds.index("documenten")
        assert "berichten" in kinds and "toewijzingen" in kinds
        assert "besluiten" not in [s.kind for s in timeline.sources(frozenset({"onderzoek"}))]
    finally:
        timeline._SOURCES.pop("test")
