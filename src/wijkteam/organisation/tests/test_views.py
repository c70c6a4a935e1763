import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.organisation.constants import TeamRole
from wijkteam.organisation.demo import load_demo
from wijkteam.organisation.models import District, MandateRule, Membership, Team
from wijkteam.testing.factories import (
    MandateRuleFactory,
    MembershipFactory,
    MunicipalityFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

CONFIG_URLS = [
    ("organisation:setup", []),
    ("organisation:municipality_create", []),
    ("organisation:district_create", []),
    ("organisation:neighbourhood_create", []),
    ("organisation:organisation_create", []),
    ("organisation:team_create", []),
    ("accounts:user_list", []),
    ("accounts:user_create", []),
]


@pytest.fixture
def demo():
    load_demo()


@pytest.mark.parametrize(("name", "args"), CONFIG_URLS)
def test_configuration_pages_are_for_the_beheerder_only(client_for, beheerder, name, args):
    assert client_for(beheerder).get(reverse(name, args=args)).status_code == 200
    for user in (UserFactory(), UserFactory(beleid=True), UserFactory(wmoraad=True)):
        assert client_for(user).get(reverse(name, args=args)).status_code == 403


def test_team_detail_for_member_and_beheerder_but_404_elsewhere(client_for, beheerder):
    team = TeamFactory()
    member = MembershipFactory(team=team).user
    outsider = MembershipFactory().user
    url = reverse("organisation:team_detail", args=[team.pk])
    assert client_for(member).get(url).status_code == 200
    assert client_for(beheerder).get(url).status_code == 200
    assert client_for(outsider).get(url).status_code == 404
    assert client_for(UserFactory(beleid=True)).get(url).status_code == 404


def test_member_sees_no_edit_links(client_for):
    team = TeamFactory()
    member = MembershipFactory(team=team).user
    page = (
        client_for(member).get(reverse("organisation:team_detail", args=[team.pk])).content.decode()
    )
    assert reverse("organisation:team_edit", args=[team.pk]) not in page


def test_create_wijk_with_bad_code_shows_dutch_error_and_stores_nothing(client_for, beheerder):
    gm = MunicipalityFactory(cbs_code="GM0363")
    response = client_for(beheerder).post(
        reverse("organisation:district_create"),
        {"municipality": gm.pk, "name": "Centrum", "cbs_code": "WK9999"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een CBS-wijkcode is" in html
    assert 'aria-invalid="true"' in html
    assert not District.objects.exists()


def test_create_team_through_the_screen(client_for, beheerder):
    org = TeamFactory().responsible_organisation
    response = client_for(beheerder).post(
        reverse("organisation:team_create"),
        {
            "municipality": org.municipality_id,
            "name": "Wijkteam Zuid",
            "model": "integraal",
            "positioning": "eigen_beheer",
            "target_group": "alle",
            "target_domain": "",
            "responsible_organisation": org.pk,
            "functions": ["toegang", "signaleren"],
        },
    )
    team = Team.objects.get(name="Wijkteam Zuid")
    assert response["Location"] == reverse("organisation:team_detail", args=[team.pk])
    assert team.functions.count() == 2


def test_duplicate_team_name_message(client_for, beheerder):
    existing = TeamFactory(name="Wijkteam Oost")
    response = client_for(beheerder).post(
        reverse("organisation:team_create"),
        {
            "municipality": existing.municipality_id,
            "name": "Wijkteam Oost",
            "model": "integraal",
            "positioning": "eigen_beheer",
            "target_group": "alle",
            "responsible_organisation": existing.responsible_organisation_id,
        },
    )
    assert response.status_code == 400
    assert Team.objects.count() == 1
    assert "bestaat al" in response.content.decode()


def test_stale_team_edit_is_refused_with_message(client_for, beheerder):
    team = TeamFactory(name="Origineel")
    data = {
        "municipality": team.municipality_id,
        "name": "Nieuw",
        "model": "integraal",
        "positioning": "eigen_beheer",
        "target_group": "alle",
        "responsible_organisation": team.responsible_organisation_id,
        "expected_version": 1,
    }
    client = client_for(beheerder)
    assert client.post(reverse("organisation:team_edit", args=[team.pk]), data).status_code == 302
    data["name"] = "Later"
    response = client.post(reverse("organisation:team_edit", args=[team.pk]), data)
    assert response.status_code == 400
    assert "Iemand anders heeft dit gegeven intussen gewijzigd" in response.content.decode()
    team.refresh_from_db()
    assert team.name == "Nieuw"


def test_member_without_organisation_via_screen(client_for, beheerder):
    team = TeamFactory()
    user = UserFactory()
    response = client_for(beheerder).post(
        reverse("organisation:membership_create", args=[team.pk]),
        {
            "user": user.pk,
            "discipline": "wijkagent",
            "roles": ["generalist"],
            "active_from": "2026-01-01",
        },
    )
    assert response.status_code == 400
    assert "Kies de organisatie waar dit lid in dienst is." in response.content.decode()
    assert not Membership.objects.exists()


def test_mandate_rule_with_inverted_limits_via_screen(client_for, beheerder):
    team = TeamFactory()
    response = client_for(beheerder).post(
        reverse("organisation:mandate_rule_create", args=[team.pk]),
        {"role": "beslisser", "decision_type": "maatwerk", "weeks_alone": "30", "weeks_max": "10"},
    )
    assert response.status_code == 400
    assert "minstens zo hoog" in response.content.decode()
    assert not MandateRule.objects.exists()


def test_mandate_rule_delete(client_for, beheerder):
    rule = MandateRuleFactory()
    url = reverse("organisation:mandate_rule_delete", args=[rule.team_id, rule.pk])
    client = client_for(beheerder)
    assert client.get(url).status_code == 200
    assert client.post(url, {"expected_version": rule.version}).status_code == 302
    assert not MandateRule.objects.exists()


def test_my_teams_lists_what_i_may_decide(client_for):
    team = TeamFactory(name="Wijkteam West")
    MandateRuleFactory(team=team, role=TeamRole.BESLISSER, weeks_alone=26)
    user = MembershipFactory(team=team, roles=[TeamRole.BESLISSER]).user
    page = client_for(user).get(reverse("organisation:my_teams")).content.decode()
    assert "Wijkteam West" in page and "26 weken" in page


def test_overview_has_no_names(client_for, demo):
    page = (
        client_for(UserFactory(wmoraad=True)).get(reverse("organisation:overview")).content.decode()
    )
    assert "Wijkteam Centrum" in page
    assert "Anna" not in page and "de Boer" not in page
    assert client_for(UserFactory()).get(reverse("organisation:overview")).status_code == 404


@pytest.mark.parametrize(
    ("url_name", "use_team", "max_queries"),
    [
        ("organisation:team_detail", True, 14),
        ("organisation:setup", False, 14),
        ("home:home", False, 12),
    ],
)
def test_query_counts_do_not_grow_with_data(
    client_for, beheerder, demo, url_name, use_team, max_queries
):
    team = Team.objects.get(name="Wijkteam Centrum")
    client = client_for(beheerder)
    url = reverse(url_name, args=[team.pk] if use_team else [])
    client.get(url)  # warm up session and caches
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    for i in range(5):  # more members, rules and teams must not add queries
        MembershipFactory(
            team=team,
            organisation=team.responsible_organisation,
            roles=[TeamRole.GENERALIST, TeamRole.BESLISSER],
        )
        MandateRuleFactory(
            team=team,
            role=TeamRole.GENERALIST,
            decision_type="afwijzing",
            product_category=f"{i + 1:02d}",
        )
        TeamFactory(municipality=team.municipality)
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(small) <= max_queries
    assert len(large) == len(small)


def test_api_lists_only_own_teams(client_for):
    team = TeamFactory()
    TeamFactory()
    member = MembershipFactory(team=team).user
    client = client_for(member)
    data = client.get("/api/teams/").json()
    assert [t["id"] for t in data] == [team.pk]
    assert client.get(f"/api/teams/{team.pk}/").json()["name"] == team.name
    other = Team.objects.exclude(pk=team.pk).get()
    response = client.get(f"/api/teams/{other.pk}/")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_api_schema_and_docs(client_for):
    client = client_for(UserFactory())
    assert client.get("/api/schema/").status_code == 200
    assert client.get("/api/docs/").status_code == 200


def test_team_page_warns_when_a_buurt_is_also_served_by_a_team_with_the_same_target_group(
    client_for, beheerder
):
    from wijkteam.organisation.constants import TargetGroup
    from wijkteam.organisation.selectors import shared_areas
    from wijkteam.testing.factories import NeighbourhoodFactory

    team = TeamFactory()
    shared, own = NeighbourhoodFactory(), NeighbourhoodFactory()
    team.neighbourhoods.set([shared, own])
    rival = TeamFactory(name="Wijkteam Rivaal", municipality=team.municipality)
    rival.neighbourhoods.set([shared])
    complex_team = TeamFactory(
        municipality=team.municipality, target_group=TargetGroup.COMPLEX, name="Team Complex"
    )
    complex_team.neighbourhoods.set([own])  # another target group: by design, no warning
    assert shared_areas(team) == [(shared, [rival])]
    html = client_for(beheerder).get(reverse("organisation:team_detail", args=[team.pk]))
    page = html.content.decode()
    assert "buurten die ook bij een ander team horen" in page
    assert "Wijkteam Rivaal" in page and "Team Complex" not in page
    rival.neighbourhoods.clear()
    page = client_for(beheerder).get(reverse("organisation:team_detail", args=[team.pk]))
    assert "ook bij een ander team" not in page.content.decode()
