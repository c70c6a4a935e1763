"""The beleidsmedewerker's dashboard and exports: known values, refusals, query count."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.cases.models import TrackedTerm
from wijkteam.testing.factories import CaseFactory, ReportFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/verantwoording/"


@pytest.fixture
def data() -> None:
    case = CaseFactory()
    at = timezone.make_aware(datetime.datetime(2026, 10, 5, 10, 0))
    for _ in range(3):
        ReportFactory(team=case.team, received_at=at)
    day = datetime.date(2026, 10, 5)
    TrackedTerm.objects.create(
        case=case, key="wmo_onderzoek", starts_on=day, due_on=day, met_on=day
    )
    snapshot_build(trigger="test")


def test_the_page_shows_each_team_and_the_total(
    client_for, data, django_assert_max_num_queries
) -> None:
    client = client_for(UserFactory(beleid=True))
    with django_assert_max_num_queries(15):
        response = client.get(URL, {"periode": "maand", "van": "2026-10"})
    assert response.status_code == 200
    text = response.content.decode()
    assert "Totaal gemeente" in text and "100,0" in text  # onderzoek in time: 1 of 1
    assert '<td class="utrecht-table__cell">3' in text  # three meldingen


def test_exports(client_for, data) -> None:
    client = client_for(UserFactory(beleid=True))
    csv = client.get(URL, {"periode": "kwartaal", "van": "2026-11", "formaat": "csv"})
    body = csv.content.decode("utf-8-sig")
    assert "Totaal gemeente;3;" in body
    xlsx = client.get(URL, {"periode": "jaar", "van": "2026-01", "formaat": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.cell(row=1, column=2).value == "Meldingen"
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)][-1] == 3


def test_empty_future_and_bad_periods(client_for, data) -> None:
    client = client_for(UserFactory(beleid=True))
    assert "geen cijfers" in client.get(URL, {"van": "2020-01"}).content.decode()
    for fmt in ("csv", "xlsx", "ods"):  # nothing to export: a message, not an empty file
        empty = client.get(URL, {"van": "2020-01", "formaat": fmt})
        assert empty.status_code == 400 and "niets te downloaden" in empty.content.decode()
    future = client.get(URL, {"van": "2099-01", "formaat": "csv"})
    assert future.status_code == 400 and "toekomst" in future.content.decode()
    assert client.get(URL, {"periode": "week"}).status_code == 400
    assert client.get(URL, {"van": "okt"}).status_code == 400


def test_only_the_beleidsmedewerker(client_for, data) -> None:
    for user in (UserFactory(wmoraad=True), UserFactory(), UserFactory(beheerder=True)):
        assert client_for(user).get(URL, {"formaat": "csv"}).status_code == 404
