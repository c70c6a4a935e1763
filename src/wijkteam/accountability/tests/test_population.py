"""Meldingen per 1,000 inhabitants (CBS figures registered by the area app) and maatwerk per
product category on the dashboard, on known rows."""

import datetime
from decimal import Decimal

import pytest

from wijkteam.accountability import population
from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.selectors import dashboard, parse_period
from wijkteam.area.models import AreaFigures
from wijkteam.testing.factories import (
    DistrictFactory,
    NeighbourhoodFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

OCTOBER = datetime.date(2026, 10, 3)


def figure(district, year: int, inhabitants: int) -> None:
    AreaFigures.objects.create(
        year=year, level="wijk", code=district.cbs_code, district=district, inhabitants=inhabitants
    )


@pytest.fixture
def rows():
    north, south = TeamFactory(name="Noord"), TeamFactory(name="Zuid")
    centre = DistrictFactory(name="Centrum")
    harbour = DistrictFactory(name="Haven", municipality=centre.municipality)
    north.neighbourhoods.add(NeighbourhoodFactory(district=centre))
    for team, district, metric, value in [
        (north, centre, "melding.totaal", 4),
        (north, harbour, "melding.totaal", 2),
        (north, None, "melding.totaal", 1),
        (south, centre, "melding.totaal", 5),
        (north, centre, "maatwerk.besluit.02", 2),
        (north, centre, "maatwerk.budget.02", 1500),
        (north, centre, "maatwerk.omvang.02.04", 22),
        (north, harbour, "maatwerk.besluit.41", 1),
        (north, harbour, "maatwerk.omvang.41.14", 30),
    ]:
        Aggregate.objects.create(
            day=OCTOBER, team=team, district=district, law="wmo", metric=metric, value=value
        )
    months_from_days()
    figure(centre, 2025, 2000)
    figure(centre, 2027, 4000)  # a later year: not used for 2026
    return north, south, centre, harbour


def column(data, key: str = "meldingen_per_1000") -> dict[str, object]:
    index = [i.key for i in data.indicators].index(key)
    return {row.label: row.values[index] for row in data.rows}


def test_the_area_app_registers_the_cbs_inhabitants(rows) -> None:
    _north, _south, centre, _harbour = rows
    assert population.by_district()[centre.pk] == {2025: 2000, 2027: 4000}


def test_rates_per_level(rows) -> None:
    north, _south, centre, harbour = rows
    user, october = UserFactory(beleid=True), parse_period("maand", "2026-10")
    # The municipality: Noord works in Centrum (2,000); Zuid has no work area; the total needs
    # every wijk and Haven has no figures yet.
    assert column(dashboard(user=user, period=october)) == {
        "Noord": 3.5,
        "Zuid": None,
        "Totaal gemeente": None,
    }
    figure(harbour, 2026, 1000)
    assert column(dashboard(user=user, period=october))["Totaal gemeente"] == 4.0  # 12 / 3,000
    team = dashboard(user=user, period=october, team=north)
    assert column(team) == {"Centrum": 2.0, "Haven": 2.0, "Zonder wijk": None, "Totaal Noord": 3.5}
    wijk = dashboard(user=user, period=october, team=north, district=centre)
    assert column(wijk) == {"Centrum": 2.0}
    trend = next(t for t in wijk.trends if t.indicator.key == "meldingen_per_1000")
    assert trend.points[-1] == ("10-2026", 2.0) and trend.points[0][1] == 0.0


def test_without_a_source_no_rate(rows) -> None:
    from wijkteam.area.registrations import district_inhabitants

    population.unregister(district_inhabitants)
    try:
        user, october = UserFactory(beleid=True), parse_period("maand", "2026-10")
        assert set(column(dashboard(user=user, period=october)).values()) == {None}
    finally:
        population.register(district_inhabitants)


def test_maatwerk_per_category(rows) -> None:
    north, _south, centre, _harbour = rows
    user, october = UserFactory(beleid=True), parse_period("maand", "2026-10")
    categories = dashboard(user=user, period=october).categories
    assert [(c.code, c.decisions, c.budget) for c in categories] == [
        ("02", 2, 1500.0),
        ("41", 1, 0),
    ]
    assert categories[0].volumes == [("uur", 22.0)]
    assert categories[1].volumes == [("etmaal", 30.0)]
    only_centre = dashboard(user=user, period=october, team=north, district=centre).categories
    assert [c.code for c in only_centre] == ["02"]
    assert Decimal(1500) == Aggregate.objects.get(metric="maatwerk.budget.02").value


def test_the_export_has_a_sheet_per_category(client_for, rows) -> None:
    import io

    import openpyxl

    client = client_for(UserFactory(beleid=True))
    response = client.get("/verantwoording/", {"van": "2026-10", "formaat": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book["Maatwerk"]
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[0] == [
        "Productcategorie",
        "Aantal besluiten",
        "Budget (euro)",
        "Omvang over de geldigheid",
    ]
    assert values[1][1:] == [2, 1500, "22.0 uur"]
    assert len(values) == 3


def test_channels_outcomes_and_maatwerk_per_case_on_the_dashboard(client_for, rows) -> None:
    north, _south, centre, harbour = rows
    figure(harbour, 2026, 1000)
    for district, metric, value in [
        (centre, "melding.kanaal.telefoon", 3),
        (centre, "melding.kanaal.inloop", 1),
        (harbour, "melding.kanaal.telefoon", 2),
        (centre, "klacht.uitkomst.gegrond", 2),
        (harbour, "klacht.uitkomst.ongegrond", 1),
        (harbour, "bezwaar.uitkomst.niet_ontvankelijk", 1),
        (centre, "maatwerkcasus.n", 2),
        (centre, "maatwerkcasus.budget.n", 2),
        (centre, "maatwerkcasus.budget.som", 3000),
        (harbour, "maatwerkcasus.n", 1),
        (harbour, "maatwerkcasus.eenheid.04", 1),
        (harbour, "maatwerkcasus.omvang.04", 40),
        (centre, "maatwerkcasus.eenheid.04", 2),
        (centre, "maatwerkcasus.omvang.04", 20),
    ]:
        Aggregate.objects.create(
            day=OCTOBER, team=north, district=district, law="wmo", metric=metric, value=value
        )
    months_from_days()
    user, october = UserFactory(beleid=True), parse_period("maand", "2026-10")
    team = dashboard(user=user, period=october, team=north)
    # Per 1,000 inhabitants per wijk and channel: Centrum 2,000, Haven 1,000; the team's total
    # over its work area (Centrum only).
    assert column(team, "meldingen_per_1000_telefoon") == {
        "Centrum": 1.5, "Haven": 2.0, "Zonder wijk": None, "Totaal Noord": 2.5,
    }  # fmt: skip
    assert column(team, "meldingen_per_1000_inloop")["Centrum"] == 0.5
    assert column(team, "klacht_uitkomst_gegrond") == {
        "Centrum": 2, "Haven": 0, "Zonder wijk": 0, "Totaal Noord": 2,
    }  # fmt: skip
    assert column(team, "klacht_uitkomst_ongegrond")["Totaal Noord"] == 1
    assert column(team, "bezwaar_uitkomst_niet_ontvankelijk")["Haven"] == 1
    assert column(team, "maatwerk_casussen")["Totaal Noord"] == 3
    assert column(team, "maatwerk_budget_per_casus") == {
        "Centrum": 1500.0, "Haven": None, "Zonder wijk": None, "Totaal Noord": 1500.0,
    }  # fmt: skip
    assert column(team, "maatwerk_omvang_per_casus_04") == {
        "Centrum": 10.0, "Haven": 40.0, "Zonder wijk": None, "Totaal Noord": 20.0,
    }  # fmt: skip
    trend = next(t for t in team.trends if t.indicator.key == "maatwerk_omvang_per_casus_04")
    assert trend.points[-1] == ("10-2026", 20.0)
    csv = client_for(user).get(
        "/verantwoording/", {"van": "2026-10", "team": north.pk, "formaat": "csv"}
    )
    header, *lines = csv.content.decode("utf-8-sig").splitlines()
    names = header.split(";")
    last = dict(zip(names, lines[-1].split(";"), strict=True))
    assert last["Budget maatwerk per casus (euro, gemiddeld)"] == "1500.0"
    assert last["Omvang maatwerk per casus, gemiddeld (uur)"] == "20.0"
    assert last["Klachten afgehandeld: Gegrond"] == "2"
    assert last["Meldingen per 1.000 inwoners: Telefoon"] == "2.5"
