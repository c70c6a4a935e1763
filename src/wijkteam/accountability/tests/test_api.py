"""The read-only figures API: published overviews (Wmo-raad) and indicators (beleidsmedewerker),
scoped, suppressed exactly as on screen, never a person; structured errors."""

import datetime
from decimal import Decimal

import pytest

from wijkteam.accountability import services
from wijkteam.accountability.models import Aggregate, PublishedOverview
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.selectors import dashboard, parse_period
from wijkteam.testing.factories import (
    MembershipFactory,
    MunicipalityFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

PUBLISHED = "/api/verantwoording/publicaties/"
INDICATORS = "/api/verantwoording/indicatoren/"
APRIL = datetime.date(2026, 4, 7)


@pytest.fixture
def figures():
    teams = {}
    for name, inloop, telefoon in (("Noord", 40, 25), ("West", 12, 3), ("Zuid", 30, 22)):
        team = teams[name] = TeamFactory(name=name)
        for metric, value in (
            ("melding.kanaal.inloop", inloop),
            ("melding.kanaal.telefoon", telefoon),
            ("melding.totaal", inloop + telefoon),
        ):
            Aggregate.objects.create(
                day=APRIL, team=team, law="wmo", metric=metric, value=Decimal(value)
            )
    months_from_days()
    return teams


@pytest.fixture
def version(figures) -> PublishedOverview:
    actor = UserFactory(beleid=True)
    overview = services.overview_save(
        actor=actor,
        title="Tweede kwartaal 2026",
        period_kind="kwartaal",
        period_month="2026-04",
        threshold=10,
        explanation="Meer meldingen via de inloop.",
    )
    return services.overview_publish(actor=actor, overview=overview)


def cells(section: dict) -> list[dict]:
    return [c for row in section["rows"] for c in [*row["cells"], row["total"]]]


def test_the_wmo_raad_reads_published_overviews_as_stored(client_for, version) -> None:
    raad = client_for(UserFactory(wmoraad=True))
    listing = raad.get(PUBLISHED)
    assert listing.status_code == 200
    body = listing.json()
    assert body["count"] == 1
    item = body["results"][0]
    assert item["title"] == "Tweede kwartaal 2026" and item["number"] == 1
    assert "published_by" not in item and "sections" not in item
    detail = raad.get(f"{PUBLISHED}{version.pk}/").json()
    assert detail["sections"] == version.sections  # exactly what the page shows
    channels = next(s for s in detail["sections"] if s["key"] == "meldingen_kanaal")
    west = next(r for r in channels["rows"] if r["label"] == "West")
    telephone = channels["columns"].index("Telefoon")
    assert west["cells"][telephone] == {"value": None, "hidden": True, "mean": None}
    for section in detail["sections"]:
        for cell in cells(section):
            assert cell["value"] is None or cell["value"] == 0 or cell["value"] >= 10
            assert not cell["hidden"] or cell["value"] is None


def test_published_refusals(client_for, version) -> None:
    professional = client_for(UserFactory())
    refused = professional.get(PUBLISHED)
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    raad = client_for(UserFactory(wmoraad=True))
    missing = raad.get(f"{PUBLISHED}{version.pk + 99}/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    bad = raad.get(f"{PUBLISHED}abc/")  # not an id: no route (core.api.IdRouter), a JSON 404
    assert bad.status_code == 404 and bad["Content-Type"].startswith("application/json")
    from django.test import Client

    assert Client().get(PUBLISHED).status_code in (401, 403)
    assert raad.post(PUBLISHED, {}).status_code == 405


def test_indicators_for_the_beleidsmedewerker(client_for, figures) -> None:
    user = UserFactory(beleid=True)
    client = client_for(user)
    response = client.get(INDICATORS, {"periode": "kwartaal", "van": "2026-04"})
    assert response.status_code == 200
    body = response.json()
    assert body["level"] == "gemeente" and body["period"]["label"] == "2026 K2"
    by_label = {row["label"]: row["values"]["meldingen"] for row in body["rows"]}
    assert by_label == {"Noord": 65, "West": 15, "Zuid": 52, "Totaal gemeente": 132}
    screen = dashboard(user=user, period=parse_period("kwartaal", "2026-04"))
    keys = [i.key for i in screen.indicators]
    assert [list(r["values"].values()) for r in body["rows"]] == [r.values for r in screen.rows]
    assert [i["key"] for i in body["indicators"]] == keys
    west = figures["West"]
    team = client.get(INDICATORS, {"van": "2026-04", "team": west.pk}).json()
    assert team["level"] == "team" and team["team"] == {"id": west.pk, "name": "West"}
    assert team["rows"][-1]["values"]["meldingen"] == 15


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"periode": "week", "van": "2026-04"}, "periode"),
        ({"van": "april"}, "van"),
        ({}, "van"),
        ({"van": "2026-04", "wet": "awbz"}, "wet"),
        ({"van": "2026-04", "team": "999999"}, "team"),
        ({"van": "2026-04", "team": "x"}, "team"),
        ({"van": "2099-01"}, "van"),
    ],
)
def test_indicator_bad_input_is_a_dutch_400(client_for, figures, params, field) -> None:
    response = client_for(UserFactory(beleid=True)).get(INDICATORS, params)
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid" and body["errors"][field]


def test_indicators_refused_to_the_wmo_raad_and_professionals(client_for, figures) -> None:
    for user in (UserFactory(wmoraad=True), UserFactory()):
        response = client_for(user).get(INDICATORS, {"van": "2026-04"})
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"


def test_a_beleidsmedewerker_of_a_team_sees_only_that_municipality(client_for, figures) -> None:
    elsewhere = TeamFactory(
        name="Elders", municipality=MunicipalityFactory(cbs_code="GM0002", name="Elders")
    )
    Aggregate.objects.create(
        day=APRIL, team=elsewhere, law="wmo", metric="melding.totaal", value=Decimal(8)
    )
    months_from_days()
    user = UserFactory(beleid=True)
    MembershipFactory(user=user, team=figures["Noord"])
    client = client_for(user)
    body = client.get(INDICATORS, {"van": "2026-04", "periode": "kwartaal"}).json()
    labels = [row["label"] for row in body["rows"]]
    assert "Elders" not in labels and body["rows"][-1]["values"]["meldingen"] == 132
    outside = client.get(INDICATORS, {"van": "2026-04", "team": elsewhere.pk})
    assert outside.status_code == 400 and outside.json()["errors"]["team"]
    page = client.get("/verantwoording/", {"van": "2026-04", "team": elsewhere.pk})
    assert page.status_code == 400
    export = client.get(
        "/verantwoording/", {"van": "2026-04", "team": elsewhere.pk, "formaat": "csv"}
    )
    assert export.status_code == 400 and "Dit team bestaat niet." in export.content.decode()
    assert "Elders" not in export.content.decode()
    everyone = client_for(UserFactory(beleid=True))  # no team: every municipality
    body = everyone.get(INDICATORS, {"van": "2026-04", "periode": "kwartaal"}).json()
    assert "Elders" in [row["label"] for row in body["rows"]]


def test_the_schema_documents_the_figures_api(client_for) -> None:
    response = client_for(UserFactory(beleid=True)).get("/api/schema/", {"format": "json"})
    schema = response.json()
    indicators = schema["paths"]["/api/verantwoording/indicatoren/"]["get"]["responses"]
    assert {"200", "400", "403"} <= set(indicators)
    assert indicators["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Indicators"
    }
    detail = schema["paths"]["/api/verantwoording/publicaties/{id}/"]["get"]["responses"]
    assert {"200", "403", "404"} <= set(detail)
    assert "published_by" not in schema["components"]["schemas"]["PublishedDetail"]["properties"]
