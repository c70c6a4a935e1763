"""Klacht and bezwaar from the portal, through the complaints services."""

import datetime
from typing import Any

import pytest
from django.utils import timezone

from wijkteam.cases.tests.test_decision_fixtures import World, build_world, decided
from wijkteam.complaints.constants import ComplaintSubject, FilingChannel
from wijkteam.complaints.models import Complaint, Objection
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import CaseFactory, OrganisationFactory, ResidentFactory

from .conftest import Bridge, logged_in
from .test_decisions import made_known

pytestmark = pytest.mark.django_db

BSN = "111222333"


@pytest.fixture
def world(bridge: Bridge) -> World:
    w = build_world()
    w.resident.bsn = BSN
    w.resident.save()
    return w


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def test_objection_within_the_term(world: World) -> None:
    decision = made_known(decided(world), days_ago(7))
    client = logged_in(BSN)
    page = client.get(f"/mijn/besluiten/{decision.pk}/bezwaar/")
    assert page.status_code == 200 and "Waarom maakt u later" not in page.content.decode()
    empty = client.post(f"/mijn/besluiten/{decision.pk}/bezwaar/", {"grounds": "  "})
    assert empty.status_code == 400 and "Schrijf op waarom" in empty.content.decode()
    assert not Objection.objects.exists()
    response = client.post(
        f"/mijn/besluiten/{decision.pk}/bezwaar/", {"grounds": "Ik heb meer uren nodig."}
    )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert objection.channel == FilingChannel.PORTAL and not objection.late
    assert objection.resident == world.resident and objection.filed_by.username.startswith(
        "systeem"
    )
    listing = client.get("/mijn/besluiten/").content.decode()
    assert "Uw bezwaar van" in listing and "Bezwaar maken tegen" not in listing
    entry = AccessLogEntry.objects.get(purpose="bezwaar ingediend via Mijn wijkteam")
    assert entry.user_id is None and entry.resident_ids == [world.resident.pk]


def test_a_late_objection_is_accepted_and_flagged(world: World) -> None:
    decision = made_known(decided(world), days_ago(60))
    client = logged_in(BSN)
    page = client.get(f"/mijn/besluiten/{decision.pk}/bezwaar/").content.decode()
    assert "termijn voor bezwaar liep tot en met" in page
    client.post(
        f"/mijn/besluiten/{decision.pk}/bezwaar/",
        {"grounds": "Ik ben het er niet mee eens.", "why_late": "Ik lag in het ziekenhuis."},
    )
    objection = Objection.objects.get()
    assert objection.late and objection.excusable_delay_note == ""  # the team judges that
    assert "ziekenhuis" in objection.grounds


def test_an_objection_against_someone_elses_decision_is_refused_and_logged(world: World) -> None:
    decision = made_known(decided(world), days_ago(7))
    other = ResidentFactory(household=CaseFactory(residents=0).household, bsn="999999990")
    client = logged_in(other.bsn)
    response = client.post(f"/mijn/besluiten/{decision.pk}/bezwaar/", {"grounds": "Niet eens"})
    assert response.status_code == 404
    assert not Objection.objects.exists()
    refusal = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert refusal.resident_ids == [] and "besluit" in refusal.purpose


def test_complaint_about_the_team_and_about_a_provider(world: World) -> None:
    provider = OrganisationFactory(aanbieder=True, municipality=world.team.municipality)
    client = logged_in(BSN)
    assert client.get("/mijn/klacht/").status_code == 200
    missing = client.post("/mijn/klacht/", {"subject": "aanbieder", "summary": "Te laat"})
    assert missing.status_code == 400 and "Kies de zorgaanbieder" in missing.content.decode()
    empty = client.post("/mijn/klacht/", {"subject": "team", "summary": ""})
    assert empty.status_code == 400 and not Complaint.objects.exists()
    assert (
        client.post(
            "/mijn/klacht/",
            {"subject": "team", "case": world.case.pk, "summary": "Niemand belde terug."},
        ).status_code
        == 302
    )
    client.post(
        "/mijn/klacht/",
        {"subject": "aanbieder", "provider": provider.pk, "summary": "De hulp kwam niet."},
    )
    team_complaint, provider_complaint = Complaint.objects.order_by("pk")
    assert team_complaint.subject == ComplaintSubject.TEAM and team_complaint.case == world.case
    assert team_complaint.team == world.team and team_complaint.channel == FilingChannel.PORTAL
    assert provider_complaint.provider == provider and provider_complaint.case is None
    page = client.get("/mijn/klacht/").content.decode()
    assert provider.name in page and "U hoort uiterlijk" in page


def test_a_complaint_cannot_name_another_households_case(world: World) -> None:
    foreign = CaseFactory(team=world.team)
    client = logged_in(BSN)
    response = client.post("/mijn/klacht/", {"subject": "team", "case": foreign.pk, "summary": "x"})
    assert response.status_code == 400 and not Complaint.objects.exists()


def test_duplicate_submit_files_one_complaint(world: Any) -> None:
    client = logged_in(BSN)
    token = "8a0c2f4e-7b1d-4c9a-9e3f-1234567890ab"
    for _ in range(2):
        client.post(
            "/mijn/klacht/",
            {"subject": "team", "summary": "Twee keer verstuurd", "submission_token": token},
        )
    assert Complaint.objects.count() == 1
