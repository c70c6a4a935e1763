"""A plan action points at a service of the social map ("algemeen voor maatwerk")."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from wijkteam.cases.constants import OwnerKind
from wijkteam.cases.models import Action, PlanVersion
from wijkteam.cases.selectors_plan import general_provision_actions, social_map_choices
from wijkteam.cases.services.plan import ActionData, GoalData, plan_save
from wijkteam.socialmap.constants import ServiceStatus
from wijkteam.testing.factories import (
    CaseFactory,
    MapOrganisationFactory,
    MapServiceFactory,
    MunicipalityFactory,
)

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate()


def _save(case, actions, expected_version=None):
    return plan_save(
        actor=case.coordinator,
        case=case,
        expected_version=expected_version,
        goals=[GoalData(text="Weer mensen zien.", domain="sociaal_netwerk")],
        actions=actions,
        discussed_on=TODAY,
        agreed_on=TODAY,
    )


def _action(service=None, description="Naar de koffieochtend"):
    return ActionData(
        description=description,
        owner_kind=OwnerKind.ALGEMENE_VOORZIENING,
        owner_name="Welzijn",
        service_id=service.pk if service else None,
    )


def test_an_action_points_at_a_general_provision_and_is_counted():
    case = CaseFactory(uitvoering=True)
    org = MapOrganisationFactory(municipality=case.team.municipality)
    koffie = MapServiceFactory(organisation=org, name="Koffieochtend")
    custom = MapServiceFactory(organisation=org, name="Maatwerk", general_provision=False)
    assert social_map_choices(case.team).first() == koffie
    _save(case, [_action(koffie), _action(custom, "Iets anders"), _action(None, "Zelf")])
    assert Action.objects.get(description="Naar de koffieochtend").service == koffie
    snapshot = PlanVersion.objects.get().snapshot
    assert koffie.pk in [a.get("service") for a in snapshot["actions"]]
    counts = general_provision_actions(
        team_ids=[case.team_id], start=TODAY - datetime.timedelta(days=1), end=TODAY
    )
    assert counts[case.team_id] == {"actions": 3, "general": 1}
    before = general_provision_actions(
        team_ids=[case.team_id], start=TODAY - datetime.timedelta(days=9),
        end=TODAY - datetime.timedelta(days=1),
    )  # fmt: skip
    assert before[case.team_id] == {"actions": 0, "general": 0}


@pytest.mark.parametrize("where", ["other_municipality", "defunct"])
def test_a_service_outside_the_team_or_closed_is_refused(where):
    case = CaseFactory(uitvoering=True)
    if where == "other_municipality":
        other = MunicipalityFactory(name="Elders", cbs_code="GM9990")
        service = MapServiceFactory(organisation=MapOrganisationFactory(municipality=other))
    else:
        service = MapServiceFactory(
            organisation=MapOrganisationFactory(municipality=case.team.municipality),
            status=ServiceStatus.DEFUNCT,
        )
    with pytest.raises(ValidationError) as exc:
        _save(case, [_action(service)])
    assert "actions.0.service" in exc.value.message_dict
    assert not Action.objects.exists()


def test_the_plan_screen_offers_the_social_map(client_for):
    from django.urls import reverse

    from .test_plan_views import form_data, new_action, new_goal

    case = CaseFactory(uitvoering=True)
    org = MapOrganisationFactory(municipality=case.team.municipality)
    koffie = MapServiceFactory(organisation=org, name="Koffieochtend")
    client = client_for(case.coordinator)
    url = reverse("cases:plan_edit", args=[case.pk])
    assert "Koffieochtend" in client.get(url).content.decode()
    data = form_data(
        goals=[new_goal()],
        actions=[new_action(owner_kind="algemene_voorziening", owner_name="Welzijn",
                            service=koffie.pk)],
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    assert Action.objects.get().service == koffie
    page = client.get(response["Location"]).content.decode()
    assert "Sociale kaart: Koffieochtend" in page
