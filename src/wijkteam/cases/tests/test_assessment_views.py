import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.models import Assessment, AssessmentScore, Case
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import CaseFactory, MembershipFactory

from .test_assessment_services import nothing_stored, record

pytestmark = pytest.mark.django_db


def record_url(case: Case, code: str = "zrm2017") -> str:
    return reverse("cases:assessment_record", args=[case.pk, code])


def yesterday() -> str:
    return (timezone.localdate() - datetime.timedelta(days=1)).isoformat()


def form_data(case: Case, **extra: str) -> dict[str, object]:
    data: dict[str, object] = {
        "resident": case.household.members.first().pk,
        "moment": "intake",
        "measured_on": yesterday(),
    }
    data.update(extra)
    return data


def test_form_has_a_select_with_scale_labels_and_a_reason_per_domain(client_for):
    case = CaseFactory()
    html = client_for(case.coordinator).get(record_url(case)).content.decode()
    assert html.count('name="score_') == 13 and html.count('name="reason_') == 13
    assert "1 – Acute problematiek" in html and "5 – Volledig zelfredzaam" in html
    assert html.count(">Niet gescoord</option>") == 13
    assert "<legend" in html and "Maatschappelijke participatie" in html
    assert 'for="id_score_financien"' in html and 'for="id_reason_financien"' in html
    resident = case.household.members.get()
    assert f'<option value="{resident.pk}" selected>' in html  # the only resident is preselected
    pg = client_for(case.coordinator).get(record_url(case, "positieve_gezondheid"))
    page = pg.content.decode()
    assert page.count('name="score_') == 6
    assert "0 – Laag" in page and '<option value="5">5</option>' in page


def test_record_through_the_screen_stores_only_filled_domains(client_for):
    case = CaseFactory()
    response = client_for(case.coordinator).post(
        record_url(case),
        form_data(
            case,
            score_financien="2",
            reason_financien="Schulden",
            score_sociaal_netwerk="4",
            reason_sociaal_netwerk="Dochter helpt",
            score_justitie="",
            reason_justitie="",
        ),
    )
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("cases:detail", args=[case.pk]) + "?onderdeel=metingen#assessment"
    )
    scores = AssessmentScore.objects.order_by("domain__order")
    assert [(s.domain.code, s.score, s.reason) for s in scores] == [
        ("financien", 2, "Schulden"),
        ("sociaal_netwerk", 4, "Dochter helpt"),
    ]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ({"score_financien": "3"}, "Geef aan waarom Financiën ertoe doet"),
        ({"reason_financien": "Schulden"}, "Kies een score voor Financiën"),
        ({}, "Scoor minstens één domein"),
        ({"score_financien": "9", "reason_financien": "x"}, "Selecteer een geldige keuze"),
        (
            {"score_financien": "3", "reason_financien": "x", "measured_on": "2999-01-01"},
            "Een meting kan niet in de toekomst liggen.",
        ),
    ],
)
def test_invalid_measurement_is_400_and_stores_nothing(client_for, extra, message):
    case = CaseFactory()
    response = client_for(case.coordinator).post(record_url(case), form_data(case, **extra))
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'role="alert"' in html
    assert nothing_stored()


def test_resident_of_another_household_is_not_a_choice(client_for):
    case = CaseFactory()
    other = CaseFactory(team=case.team)
    response = client_for(case.coordinator).post(
        record_url(case),
        form_data(
            case,
            resident=str(other.household.members.first().pk),
            score_financien="3",
            reason_financien="x",
        ),
    )
    assert response.status_code == 400
    assert nothing_stored()


def test_record_page_access(client_for):
    case = CaseFactory()
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    Case.objects.filter(pk=case.pk).update(client_supporter=supporter)
    assert client_for(case.coordinator).get(record_url(case, "onbekend")).status_code == 404
    assert client_for(supporter).get(record_url(case)).status_code == 404
    assert client_for(MembershipFactory().user).get(record_url(case)).status_code == 404
    outsider = client_for(MembershipFactory().user)
    response = outsider.post(record_url(case), form_data(case, score_financien="3"))
    assert response.status_code == 404
    assert nothing_stored()


def test_list_page_shows_reasons(client_for):
    case = CaseFactory()
    record(case)
    html = (
        client_for(case.coordinator)
        .get(reverse("cases:assessment_list", args=[case.pk]))
        .content.decode()
    )
    assert "Douchen lukt niet zonder hulp." in html and "<caption" in html
    assert (
        client_for(MembershipFactory().user)
        .get(reverse("cases:assessment_list", args=[case.pk]))
        .status_code
        == 404
    )


def test_case_page_chart_and_table(client_for):
    case = CaseFactory()
    today = timezone.localdate()
    record(case, measured_on=today - datetime.timedelta(days=40))
    record(
        case,
        moment="tussentijds",
        measured_on=today,
        scores={"financien": (4, "Schuldhulp loopt")},
    )
    html = (
        client_for(case.coordinator)
        .get(reverse("cases:detail", args=[case.pk]) + "?onderdeel=metingen")
        .content.decode()
    )
    assert 'id="assessment"' in html
    svg = html[html.index("<svg") : html.index("</svg>")]
    chart_id = f"meting-{case.household.members.first().pk}-zrm2017"
    assert 'role="img"' in svg
    assert f'aria-labelledby="{chart_id}-titel {chart_id}-beschrijving"' in svg
    assert f'<title id="{chart_id}-titel">' in svg and f'<desc id="{chart_id}-beschrijving">' in svg
    assert f'fill="url(#{chart_id}-arcering)"' in svg  # intake bars differ by pattern too
    assert "style=" not in svg
    assert re.search(r"<script(?![^>]*\bsrc=)", html) is None  # no inline script
    # coordinates are never localised ("1,5" would break the SVG)
    for value in re.findall(r'\s(?:x|y|x1|x2|y1|y2|width|height)="([^"]*)"', svg):
        if value != "100%":
            float(value)
    table = html[html.index("</svg>") :]
    assert "intake, nu en verandering" in table
    assert 'scope="col"' in table and 'scope="row"' in table
    assert "2 – Niet zelfredzaam" in table and "4 – Voldoende zelfredzaam" in table
    assert "+2" in table
    assert "nog niet opnieuw gemeten" in table  # basale ADL was measured once
    assert record_url(case) in html
    assert reverse("cases:assessment_list", args=[case.pk]) in html


def test_case_page_hides_record_links_from_non_workers(client_for):
    case = CaseFactory()
    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    Case.objects.filter(pk=case.pk).update(client_supporter=supporter)
    html = (
        client_for(supporter)
        .get(reverse("cases:detail", args=[case.pk]) + "?onderdeel=metingen")
        .content.decode()
    )
    assert "Nog geen metingen vastgelegd." in html
    assert record_url(case) not in html


def test_section_adds_a_constant_number_of_queries(client_for):
    case = CaseFactory(residents=2)
    record(case)
    client = client_for(case.coordinator)
    url = reverse("cases:detail", args=[case.pk]) + "?onderdeel=metingen"
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    second = case.household.members.order_by("-pk").first()
    for days in range(5):
        record(case, measured_on=timezone.localdate() - datetime.timedelta(days=days))
        record(
            case,
            resident=second,
            instrument_code="positieve_gezondheid",
            scores={"meedoen": (days, "x"), "zingeving": (days + 1, "y")},
        )
    with CaptureQueriesContext(connection) as large:
        html = client.get(url).content.decode()
    assert html.count("<svg") == 2
    assert Assessment.objects.count() == 11
    assert len(large) == len(small)
