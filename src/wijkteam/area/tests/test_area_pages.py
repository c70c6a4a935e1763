"""The wijk and buurt pages: CBS figures over the years, the team's own figures with small
cells suppressed, the social infrastructure section, and who may see them."""

import datetime

import pytest
from django.utils import timezone

from wijkteam.area.demo import import_demo_figures
from wijkteam.area.selectors.figures import district_page, neighbourhood_page
from wijkteam.cases.models import Assessment, AssessmentScore, Instrument
from wijkteam.conftest import verified_client
from wijkteam.testing.factories import (
    CaseFactory,
    InitiativeFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    ReportFactory,
    ResidentFactory,
    UserFactory,
)


def _reports(area, hood, n: int, year: int) -> None:
    for _ in range(n):
        resident = ResidentFactory(municipality=area.municipality, neighbourhood=hood)
        ReportFactory(
            team=area.team,
            resident=resident,
            received_at=timezone.make_aware(datetime.datetime(year, 3, 1, 10)),
        )


def test_district_page_shows_cbs_figures_over_the_years(area):
    import_demo_figures()
    page = district_page(user=area.member, pk=area.districts["WK999901"].pk)
    assert [f.year for f in page.figures] == [2023, 2024]
    inhabitants = dict(page.rows)[str(page.figures[0]._meta.get_field("inhabitants").verbose_name)]
    assert inhabitants[1] > inhabitants[0]
    assert {c.key for c in page.charts} >= {"leeftijd", "inwoners", "uitkeringen"}
    age = next(c for c in page.charts if c.key == "leeftijd")
    assert max(bar.percent for bar in age.bars) == 100
    assert [s.title for s in page.infrastructure] == [
        "Diensten en voorliggende voorzieningen",
        "Bewonersinitiatieven",
    ]


def test_team_figures_suppress_small_cells_and_give_rates_per_1000(area):
    import_demo_figures()
    centrum = area.hoods["BU99990101"]
    _reports(area, centrum, 12, 2024)
    _reports(area, centrum, 3, 2023)
    page = neighbourhood_page(user=area.member, pk=centrum.pk)
    team = page.team
    assert team.years == [2023, 2024]
    assert team.reports[0] is None  # 3 meldingen: hidden
    # Secondary suppression: with the 2023 cell hidden, the 2024 cell would give it away
    # through the published column total, so the table hides more than the small cell.
    assert None in team.reports[1:] or None in team.cases
    assert team.reports_rate[0] is None


def test_rates_per_1000_for_shown_cells(area):
    import_demo_figures()
    hood = area.hoods["BU99990102"]
    _reports(area, hood, 20, 2024)
    team = neighbourhood_page(user=area.member, pk=hood.pk).team
    assert team.reports == [20]
    population = hood.figures.get(year=2024).inhabitants
    assert team.reports_rate == [round(20 / population * 1000, 1)]


def test_life_domains_most_assessed_are_suppressed_below_ten(area):
    instrument = Instrument.objects.first()
    if instrument is None:
        pytest.skip("no instrument loaded")
    domains = list(instrument.domains.all()[:2])
    hood = area.hoods["BU99990103"]
    for i in range(12):
        resident = ResidentFactory(municipality=area.municipality, neighbourhood=hood)
        case = CaseFactory(team=area.team, household=resident.household)
        assessment = Assessment.objects.create(
            case=case,
            resident=resident,
            instrument=instrument,
            moment="start",
            measured_on=timezone.localdate(),
            measured_by=area.member,
        )
        AssessmentScore.objects.create(
            assessment=assessment, domain=domains[0], score=2, reason="r"
        )
        if i < 3:
            AssessmentScore.objects.create(
                assessment=assessment, domain=domains[1], score=2, reason="r"
            )
    shown = dict(neighbourhood_page(user=area.member, pk=hood.pk).team.domains)
    assert shown[domains[1].name] is None
    assert shown[domains[0].name] is None or shown[domains[0].name] == 12


def test_area_pages_for_professionals_beheerder_and_policy_only(area):
    import_demo_figures()
    district = area.districts["WK999902"]
    for user in (area.member, area.beheerder, UserFactory(beleid=True)):
        response = verified_client(user).get(f"/gebieden/wijk/{district.pk}/")
        assert response.status_code == 200
        assert "Kerncijfers per jaar" in response.content.decode()
    assert verified_client(UserFactory(wmoraad=True)).get("/gebieden/").status_code == 404
    hood = area.hoods["BU99990201"]
    assert verified_client(area.member).get(f"/gebieden/buurt/{hood.pk}/").status_code == 200
    assert verified_client(area.member).get("/gebieden/buurt/999999/").status_code == 404


def test_an_area_page_costs_the_same_queries_with_more_data(area, django_assert_max_num_queries):
    import_demo_figures()
    hood = area.hoods["BU99990101"]
    page = verified_client(area.member)
    url = f"/gebieden/wijk/{hood.district_id}/"
    page.get(url)
    with django_assert_max_num_queries(30) as before:
        page.get(url)
    _reports(area, hood, 15, 2024)
    _reports(area, area.hoods["BU99990102"], 4, 2023)
    with django_assert_max_num_queries(len(before.captured_queries)):
        page.get(url)


def _infrastructure(area):
    org = MapOrganisationFactory(municipality=area.municipality, name="Welzijn Voorbeeld")
    MapServiceFactory(organisation=org, name="Formulierenhulp")  # the whole municipality
    noord = MapServiceFactory(organisation=org, name="Taalcafé", whole_municipality=False)
    noord.districts.add(area.districts["WK999902"])
    InitiativeFactory(
        district=area.districts["WK999901"],
        neighbourhood=area.hoods["BU99990101"],
        name="Moestuin",
        contact_name="Jan Contact",
        contact_consent_on=datetime.date(2026, 1, 5),
    )
    InitiativeFactory(district=area.districts["WK999902"], name="Wijkkrant Noord")


def test_social_infrastructure_lists_services_and_initiatives_of_the_area(area):
    _infrastructure(area)
    centrum = area.districts["WK999901"]
    services, initiatives = district_page(user=area.member, pk=centrum.pk).infrastructure
    assert [i.name for i in services.items] == ["Formulierenhulp"]
    assert services.items[0].kind == "voorliggende voorziening"
    assert services.items[0].url.startswith("/sociale-kaart/dienst/")
    assert ("diensten", 1) in services.counts
    assert [i.name for i in initiatives.items] == ["Moestuin"]
    assert ("initiatieven (idee of actief)", 1) in initiatives.counts
    noord = neighbourhood_page(user=area.member, pk=area.hoods["BU99990201"].pk)
    assert [i.name for i in noord.infrastructure[0].items] == ["Formulierenhulp", "Taalcafé"]
    assert [i.name for i in noord.infrastructure[1].items] == ["Wijkkrant Noord"]


def test_the_area_page_shows_the_infrastructure_without_contact_persons(area):
    _infrastructure(area)
    centrum = area.districts["WK999901"]
    html = verified_client(area.member).get(f"/gebieden/wijk/{centrum.pk}/").content.decode()
    assert "Formulierenhulp" in html and "Moestuin" in html
    assert "Jan Contact" not in html
    assert "Taalcafé" not in html  # only in Noord
    assert 'href="/sociale-kaart/dienst/' in html
    # The beleidsmedewerker sees the same lists, without links into the map (not theirs).
    html = verified_client(UserFactory(beleid=True)).get(f"/gebieden/wijk/{centrum.pk}/")
    text = html.content.decode()
    assert "Formulierenhulp" in text and "Moestuin" in text
    assert 'href="/sociale-kaart/dienst/' not in text
    assert 'href="/initiatieven/' not in text


def test_area_pages_are_scoped_to_the_municipalities_of_the_users_teams(area):
    from wijkteam.testing.factories import (
        DistrictFactory,
        MembershipFactory,
        NeighbourhoodFactory,
        TeamFactory,
    )

    elders = DistrictFactory(name="Elderswijk")
    elders_hood = NeighbourhoodFactory(district=elders)
    client = verified_client(area.member)
    assert client.get(f"/gebieden/wijk/{elders.pk}/").status_code == 404
    assert client.get(f"/gebieden/buurt/{elders_hood.pk}/").status_code == 404
    assert "Elderswijk" not in client.get("/gebieden/").content.decode()
    assert client.get(f"/api/areas/districts/{elders.pk}/").status_code == 404
    # A member of a team there, the beheerder and a beleidsmedewerker without a team do see it.
    there = MembershipFactory(team=TeamFactory(municipality=elders.municipality)).user
    for user in (there, area.beheerder, UserFactory(beleid=True)):
        assert verified_client(user).get(f"/gebieden/wijk/{elders.pk}/").status_code == 200
    # A beleidsmedewerker of a team reads that team's municipality only.
    beleid = UserFactory(beleid=True)
    MembershipFactory(team=area.team, user=beleid)
    assert verified_client(beleid).get(f"/gebieden/wijk/{elders.pk}/").status_code == 404


def test_a_long_list_shows_the_first_rows_and_links_to_all(area, monkeypatch):
    from wijkteam.area.selectors import infrastructure

    monkeypatch.setattr(infrastructure, "MAX_ITEMS", 1)
    _infrastructure(area)
    noord = area.districts["WK999902"]
    html = verified_client(area.member).get(f"/gebieden/wijk/{noord.pk}/").content.decode()
    assert "Formulierenhulp" in html and "Taalcafé" not in html
    assert "En nog 1 meer." in html
    assert f'href="/sociale-kaart/?wijk={noord.pk}"' in html
    section = district_page(user=UserFactory(beleid=True), pk=noord.pk).infrastructure[0]
    assert (section.total, section.hidden, section.more_url) == (2, 1, "")
