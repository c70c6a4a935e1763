import datetime

from wijkteam.outreach.constants import SignalStatus
from wijkteam.outreach.models import Signal
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import ReportFactory, ResidentFactory

from .conftest import make_signal


def test_the_list_shows_only_the_teams_signals_in_few_queries(
    world, client_for, django_assert_max_num_queries
):
    mine = [make_signal(world, address=f"Dorpsstraat {n}") for n in range(12)]
    make_signal(world, team=world.other_team, neighbourhood=world.other_hood, address="Elders 9")
    client = client_for(world.member)
    with django_assert_max_num_queries(25):
        response = client.get("/signalen/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("Dorpsstraat") == len(mine)
    assert "Elders 9" not in body


def test_another_teams_signal_is_refused_and_logged(world, client_for):
    signal = make_signal(world)
    assert client_for(world.outsider).get(f"/signalen/{signal.pk}/").status_code == 404
    assert AccessLogEntry.objects.filter(action="refused").exists()
    response = client_for(world.member).get(f"/signalen/{signal.pk}/")
    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(action="read", object_id=str(signal.pk)).exists()


def test_registering_without_location_gives_a_dutch_message(world, client_for):
    client = client_for(world.member)
    form = client.get("/signalen/nieuw/").context["form"]
    data = {
        "team": world.team.pk,
        "kind": world.kind.pk,
        "source": "buren",
        "received_on": "2026-12-01",
        "submit_token": str(form["submit_token"].value()),
    }
    response = client.post("/signalen/nieuw/", data)
    assert response.status_code == 400
    assert "Vul een adres of een omschrijving in" in response.content.decode()
    assert not Signal.objects.exists()
    data["description"] = "Post stapelt zich op"
    first = client.post("/signalen/nieuw/", data)
    second = client.post("/signalen/nieuw/", data)
    assert first.status_code == second.status_code == 302
    assert Signal.objects.count() == 1


def test_close_and_convert_through_the_pages(world, client_for):
    client = client_for(world.member)
    signal = make_signal(world)
    response = client.post(f"/signalen/{signal.pk}/", {"reason": "anders"})
    assert response.status_code == 400 and "Licht de reden toe" in response.content.decode()
    other = make_signal(world, received_on=datetime.date(2026, 12, 2))
    resident = ResidentFactory(household__municipality=world.team.municipality)
    ReportFactory(team=world.team, resident=resident)  # the team's intake sees the resident
    page = client.get(f"/signalen/{other.pk}/omzetten/?inwoner={resident.pk}")
    assert page.status_code == 200
    response = client.post(
        f"/signalen/{other.pk}/omzetten/?inwoner={resident.pk}",
        {"question": "Wil hulp", "law_track": "geen"},
    )
    assert response.status_code == 302
    other.refresh_from_db()
    assert other.status == SignalStatus.OMGEZET and other.report.resident == resident


def test_the_kinds_page_is_for_the_beheerder(world, client_for, beheerder):
    assert client_for(world.member).get("/beheer/signalen/").status_code == 403
    client = client_for(beheerder)
    assert client.get("/beheer/signalen/").status_code == 200
    response = client.post(
        f"/beheer/signalen/{world.kind.pk}/", {"name": "Huur", "follow_up_days": 99}
    )
    assert response.status_code == 400
    response = client.post(
        f"/beheer/signalen/{world.kind.pk}/", {"name": "Huur", "follow_up_days": 4, "active": "on"}
    )
    assert response.status_code == 302
