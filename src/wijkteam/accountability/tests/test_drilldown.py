"""The dashboard's drill-down (municipality → team → wijk), trends and ODS export, on known rows."""

import datetime
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest

from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.selectors import dashboard, parse_period, previous
from wijkteam.testing.factories import DistrictFactory, TeamFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/verantwoording/"


@pytest.fixture
def rows():
    north, south = TeamFactory(name="Noord"), TeamFactory(name="Zuid")
    centre, harbour = DistrictFactory(name="Centrum"), DistrictFactory(name="Haven")
    for team, district, day, law, metric, value in [
        (north, centre, datetime.date(2026, 10, 3), "wmo", "melding.totaal", 4),
        (north, harbour, datetime.date(2026, 10, 9), "jeugdwet", "melding.totaal", 2),
        (north, None, datetime.date(2026, 10, 9), "wmo", "melding.totaal", 1),
        (south, centre, datetime.date(2026, 10, 1), "wmo", "melding.totaal", 5),
        (north, centre, datetime.date(2026, 9, 30), "wmo", "melding.totaal", 7),
        (north, centre, datetime.date(2026, 5, 1), "wmo", "melding.totaal", 3),
        (north, centre, datetime.date(2026, 10, 3), "wmo", "termijn.wmo_onderzoek.n", 4),
        (north, centre, datetime.date(2026, 10, 3), "wmo", "termijn.wmo_onderzoek.tijdig", 3),
    ]:
        Aggregate.objects.create(
            day=day, team=team, district=district, law=law, metric=metric, value=Decimal(value)
        )
    months_from_days()
    return north, south, centre, harbour


def column(data, key: str) -> dict[str, object]:
    index = [i.key for i in data.indicators].index(key)
    return {row.label: row.values[index] for row in data.rows}


def test_levels(rows) -> None:
    north, _south, centre, _harbour = rows
    user, october = UserFactory(beleid=True), parse_period("maand", "2026-10")
    town = dashboard(user=user, period=october)
    assert column(town, "meldingen") == {"Noord": 7, "Zuid": 5, "Totaal gemeente": 12}
    team = dashboard(user=user, period=october, team=north)
    assert column(team, "meldingen") == {
        "Centrum": 4,
        "Haven": 2,
        "Zonder wijk": 1,
        "Totaal Noord": 7,
    }
    assert column(team, "onderzoek_tijdig")["Centrum"] == 75.0
    wijk = dashboard(user=user, period=october, team=north, district=centre)
    assert column(wijk, "meldingen") == {"Centrum": 4}
    assert column(dashboard(user=user, period=october, law="jeugdwet"), "meldingen") == {
        "Noord": 2,
        "Totaal gemeente": 2,
    }


def test_trend_of_the_last_six_periods(rows) -> None:
    north, _south, centre, _harbour = rows
    user = UserFactory(beleid=True)
    data = dashboard(
        user=user, period=parse_period("maand", "2026-10"), team=north, district=centre
    )
    trend = next(t for t in data.trends if t.indicator.key == "meldingen")
    assert trend.points == [
        ("05-2026", 3),
        ("06-2026", 0),
        ("07-2026", 0),
        ("08-2026", 0),
        ("09-2026", 7),
        ("10-2026", 4),
    ]
    assert [length for _l, _v, length in trend.bars] == [42.9, 0.0, 0.0, 0.0, 100.0, 57.1]
    quarters = dashboard(user=user, period=parse_period("kwartaal", "2026-10"))
    trend = next(t for t in quarters.trends if t.indicator.key == "meldingen")
    assert trend.points[-2:] == [("2026 K3", 7), ("2026 K4", 12)]


def test_previous_periods() -> None:
    quarter = parse_period("kwartaal", "2026-02")
    assert previous(quarter, 1).start == datetime.date(2025, 10, 1)
    assert previous(quarter, 1).end == datetime.date(2025, 12, 31)
    year = parse_period("jaar", "2026-05")
    assert (previous(year, 2).start, previous(year, 2).end) == (
        datetime.date(2024, 1, 1),
        datetime.date(2024, 12, 31),
    )


def test_page_links_down_and_exports(client_for, rows, django_assert_max_num_queries) -> None:
    north, _south, centre, _harbour = rows
    client = client_for(UserFactory(beleid=True))
    with django_assert_max_num_queries(15):
        page = client.get(URL, {"van": "2026-10"}).content.decode()
    assert f"team={north.pk}" in page and "<svg" in page and "Verloop per indicator" in page
    team_page = client.get(URL, {"van": "2026-10", "team": north.pk}).content.decode()
    assert f"wijk={centre.pk}" in team_page and "Totaal Noord" in team_page
    xlsx = client.get(URL, {"van": "2026-10", "team": north.pk, "formaat": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert book.sheetnames == ["10-2026", "Verloop", "Maatwerk"]
    assert [r[0] for r in book["10-2026"].iter_rows(min_row=2, values_only=True)] == [
        "Centrum",
        "Haven",
        "Zonder wijk",
        "Totaal Noord",
    ]
    ods = client.get(URL, {"van": "2026-10", "formaat": "ods"})
    content = zipfile.ZipFile(io.BytesIO(ods.content)).read("content.xml").decode()
    assert "Totaal gemeente" in content and "Verloop" in content


def test_unknown_team_or_wijk_is_a_dutch_message(client_for, rows) -> None:
    _north, _south, centre, _harbour = rows
    client = client_for(UserFactory(beleid=True))
    for params in ({"team": "999999"}, {"team": "x"}, {"wijk": centre.pk}):
        response = client.get(URL, {"van": "2026-10", **params})
        assert response.status_code == 400
        assert "bestaat niet" in response.content.decode()


def test_the_law_filter_on_the_page_and_in_the_export(client_for, rows) -> None:
    client = client_for(UserFactory(beleid=True))
    csv = client.get(URL, {"van": "2026-10", "wet": "jeugdwet", "formaat": "csv"})
    body = csv.content.decode("utf-8-sig").splitlines()
    assert body[-1].startswith("Totaal gemeente;2;")  # only the Jeugdwet melding of Haven
    assert [line.split(";")[0] for line in body[1:]] == ["Noord", "Totaal gemeente"]
    bad = client.get(URL, {"van": "2026-10", "wet": "awbz", "formaat": "csv"})
    assert bad.status_code == 400 and "Kies wmo of jeugdwet" in bad.content.decode()
