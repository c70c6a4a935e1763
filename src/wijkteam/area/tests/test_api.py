"""The area analysis API: the wijken, and per wijk or buurt the CBS figures, the team's
figures with small cells as null, and the social infrastructure; who may read it."""

import datetime

from django.test import Client
from django.utils import timezone

from wijkteam.area.demo import import_demo_figures
from wijkteam.conftest import verified_client
from wijkteam.testing.factories import (
    MapOrganisationFactory,
    MapServiceFactory,
    ReportFactory,
    ResidentFactory,
    UserFactory,
)


def test_districts_and_a_district_with_its_analysis(area):
    import_demo_figures()
    MapServiceFactory(
        organisation=MapOrganisationFactory(municipality=area.municipality), name="Formulierenhulp"
    )
    hood = area.hoods["BU99990101"]
    for _ in range(3):
        ReportFactory(
            team=area.team,
            resident=ResidentFactory(municipality=area.municipality, neighbourhood=hood),
            received_at=timezone.make_aware(datetime.datetime(2024, 3, 1, 10)),
        )
    client = verified_client(area.member)
    districts = client.get("/api/areas/districts/").json()
    assert [d["cbs_code"] for d in districts] == ["WK999901", "WK999902"]
    assert "BU99990101" in [n["cbs_code"] for n in districts[0]["neighbourhoods"]]
    data = client.get(f"/api/areas/districts/{districts[0]['id']}/").json()
    assert data["level"] == "wijk" and data["cbs_code"] == "WK999901"
    assert [f["year"] for f in data["figures"]] == [2023, 2024]
    assert data["figures"][1]["inhabitants"] > 0
    years = data["team"]["years"]
    assert [y["year"] for y in years] == [2024]
    assert years[0]["reports"] is None and years[0]["reports_per_1000"] is None  # 3: hidden
    services = data["infrastructure"][0]
    assert [i["name"] for i in services["items"]] == ["Formulierenhulp"]
    assert {"label": "diensten", "count": 1} in services["counts"]
    buurt = client.get(f"/api/areas/neighbourhoods/{hood.pk}/").json()
    assert buurt["level"] == "buurt" and buurt["district"] == "WK999901"


def test_who_may_read_the_area_api(area):
    district = area.districts["WK999901"]
    assert Client().get("/api/areas/districts/").status_code == 401
    assert (
        verified_client(UserFactory(beleid=True))
        .get(f"/api/areas/districts/{district.pk}/")
        .status_code
        == 200
    )
    refused = verified_client(UserFactory(wmoraad=True)).get("/api/areas/districts/")
    assert refused.status_code == 403 and refused.json()["code"] == "permission_denied"
    missing = verified_client(area.member).get("/api/areas/neighbourhoods/999999/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
