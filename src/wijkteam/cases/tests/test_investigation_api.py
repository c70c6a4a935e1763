"""API of the onderzoek: read with conversations, add a conversation."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from wijkteam.cases.models import Conversation
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NetworkMemberFactory,
    UserFactory,
)

from .test_investigation_services import add, conclude, onderzoek_case

pytestmark = pytest.mark.django_db


def body(case, **overrides):
    data = {
        "held_on": (timezone.localdate() - datetime.timedelta(days=1)).isoformat(),
        "place": "Bij de inwoner thuis",
        "residents": [r.pk for r in case.household.members.all()],
        "summary": "Besproken: de trap en het douchen.",
    }
    data.update(overrides)
    return data


def test_unauthenticated_is_structured_401():
    case = onderzoek_case()
    for response in (
        Client().get(f"/api/investigations/{case.pk}/"),
        Client().post(
            f"/api/investigations/{case.pk}/conversations/",
            body(case),
            content_type="application/json",
        ),
    ):
        assert response.status_code == 401
        assert response.json()["code"] == "not_authenticated"


def test_read_the_investigation_with_conversations(client_for):
    case = onderzoek_case()
    carer = NetworkMemberFactory(household=case.household)
    add(case, network_members=[carer], other_participants="Tolk")
    conclude(case, "Hulp nodig.")
    data = client_for(case.coordinator).get(f"/api/investigations/{case.pk}/").json()
    assert data["case"] == case.pk
    assert data["conclusion"] == "Hulp nodig."
    assert data["completed_on"] is None and len(data["fingerprint"]) == 16
    [conversation] = data["conversations"]
    assert conversation["network_members"] == [carer.pk]
    assert conversation["residents"] == [r.pk for r in case.household.members.all()]
    assert conversation["other_participants"] == "Tolk"


def test_out_of_scope_and_missing_investigation_are_404(client_for):
    case = onderzoek_case()
    outsider = client_for(MembershipFactory().user)
    assert outsider.get(f"/api/investigations/{case.pk}/").status_code == 404
    response = outsider.post(
        f"/api/investigations/{case.pk}/conversations/", body(case), content_type="application/json"
    )
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    without = CaseFactory()
    assert (
        client_for(without.coordinator).get(f"/api/investigations/{without.pk}/").status_code == 404
    )
    assert (
        client_for(UserFactory(beheerder=True)).get(f"/api/investigations/{case.pk}/").status_code
        == 404
    )
    assert not Conversation.objects.exists()


def test_create_a_conversation(client_for):
    case = onderzoek_case()
    carer = NetworkMemberFactory(household=case.household)
    response = client_for(case.coordinator).post(
        f"/api/investigations/{case.pk}/conversations/",
        body(case, network_members=[carer.pk], client_supporter_present=True),
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    conversation = Conversation.objects.get()
    assert response.json()["id"] == conversation.pk
    assert list(conversation.network_members.all()) == [carer]
    assert conversation.client_supporter_present


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"held_on": "2999-01-01"}, "held_on", "niet in de toekomst"),
        ({"held_on": "morgen"}, "held_on", ""),
        ({"residents": []}, "residents", "minstens één inwoner"),
        ({"summary": ""}, "summary", "Schrijf op wat er in het gesprek is besproken"),
        ({"place": ""}, "place", "Vul in waar het gesprek plaatsvond"),
    ],
)
def test_invalid_conversation_is_structured_400(client_for, overrides, field, message):
    case = onderzoek_case()
    response = client_for(case.coordinator).post(
        f"/api/investigations/{case.pk}/conversations/",
        body(case, **overrides),
        content_type="application/json",
    )
    assert response.status_code == 400
    data = response.json()
    assert data["code"] == "invalid"
    assert message in " ".join(data["errors"][field])
    assert not Conversation.objects.exists()


def test_residents_and_network_of_another_household_are_400(client_for):
    case = onderzoek_case()
    other = CaseFactory(team=case.team)
    stranger_carer = NetworkMemberFactory(household=other.household)
    client = client_for(case.coordinator)
    response = client.post(
        f"/api/investigations/{case.pk}/conversations/",
        body(case, residents=[other.household.members.first().pk]),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "huishouden van deze casus" in response.json()["errors"]["residents"][0]
    response = client.post(
        f"/api/investigations/{case.pk}/conversations/",
        body(case, network_members=[stranger_carer.pk, 999999]),
        content_type="application/json",
    )
    assert response.status_code == 400
    assert "network_members" in response.json()["errors"]
    assert not Conversation.objects.exists()


def test_a_viewer_who_may_not_work_the_case_cannot_add(client_for):
    case = onderzoek_case()
    from wijkteam.cases.models import Case
    from wijkteam.organisation.constants import TeamRole

    supporter = MembershipFactory(team=case.team, roles=[TeamRole.CLIENTONDERSTEUNER]).user
    Case.objects.filter(pk=case.pk).update(client_supporter=supporter)
    client = client_for(supporter)
    assert client.get(f"/api/investigations/{case.pk}/").status_code == 200
    response = client.post(
        f"/api/investigations/{case.pk}/conversations/", body(case), content_type="application/json"
    )
    assert response.status_code == 404
    assert not Conversation.objects.exists()
