"""Bad input (issue 16): the plan form saves at its documented maximum, free text has a
maximum length, house numbers and phone numbers are checked; Dutch messages, never a 500."""

import datetime
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases.constants import GOAL_TEXT_MAX, QUESTION_MAX
from wijkteam.cases.forms_plan import MAX_ACTIONS, MAX_GOALS
from wijkteam.cases.models import Action, Goal, Report
from wijkteam.residents.models import Resident
from wijkteam.testing.factories import CaseFactory, MembershipFactory, ResidentFactory, TeamFactory

from .test_plan_views import form_data, new_action, new_goal

pytestmark = pytest.mark.django_db


def test_the_plan_form_saves_at_its_documented_maximum(client_for):
    case = CaseFactory(uitvoering=True)
    goals = [{**new_goal(f"Doel {n}", domain=""), "DELETE": ""} for n in range(MAX_GOALS)]
    actions = [
        {**new_action(f"Actie {n}", goal=str(n % MAX_GOALS)), "service": "", "DELETE": ""}
        for n in range(MAX_ACTIONS)
    ]
    data = form_data(goals=goals, actions=actions)
    assert len(data) > 2500  # far above Django's 1,000 fields
    response = client_for(case.coordinator).post(
        reverse("cases:plan_edit", args=[case.pk]),
        urlencode(data),  # as the browser posts it
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 302, [
        (name, response.context[name].errors, response.context[name].non_form_errors())
        for name in ("goal_formset", "action_formset")
    ] + [response.context["plan_form"].errors]
    assert Goal.objects.count() == MAX_GOALS and Action.objects.count() == MAX_ACTIONS


def test_other_forms_keep_djangos_field_limit(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    client.raise_request_exception = False
    data = {f"veld{n}": "x" for n in range(1001)}
    assert client.post(reverse("residents:create"), data).status_code == 400
    assert not Resident.objects.exists()


def test_a_too_long_question_gets_a_dutch_message(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    resident = ResidentFactory(intake_team=team)
    received = timezone.localtime() - datetime.timedelta(hours=2)
    response = client.post(
        f"{reverse('cases:report_create')}?inwoner={resident.pk}",
        {
            "team": team.pk,
            "channel": "telefoon",
            "referrer_kind": "huisarts",
            "question": "x" * (QUESTION_MAX + 1),
            "received_at": received.strftime("%Y-%m-%dT%H:%M"),
            "law_track": "wmo",
        },
    )
    assert response.status_code == 400
    assert f"niet meer dan {QUESTION_MAX} tekens" in response.content.decode()
    assert not Report.objects.exists()


def test_a_too_long_goal_is_refused_in_the_plan_form(client_for):
    case = CaseFactory(uitvoering=True)
    data = form_data(goals=[new_goal("x" * (GOAL_TEXT_MAX + 1), domain="")], actions=[])
    response = client_for(case.coordinator).post(reverse("cases:plan_edit", args=[case.pk]), data)
    assert response.status_code == 400
    assert f"niet meer dan {GOAL_TEXT_MAX} tekens" in response.content.decode()
    assert not Goal.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("house_number", "0", "huisnummer"),
        ("house_number", "12345678", "huisnummer"),
        ("phone", "12345", "telefoonnummer"),
        ("phone", "06-1234567", "telefoonnummer"),
    ],
)
def test_bad_house_numbers_and_phone_numbers_are_refused(client_for, field, value, message):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    data = {
        "first_name": "Truus",
        "last_name": "de Wit",
        "date_of_birth": "1941-03-02",
        "household_relation": "hoofdbewoner",
        "postcode": "1234 AB",
        "bsn": "",
        field: value,
    }
    response = client.post(reverse("residents:create"), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Resident.objects.exists()


def test_good_house_numbers_and_phone_numbers_are_kept(client_for):
    team = TeamFactory()
    client = client_for(MembershipFactory(team=team).user)
    data = {
        "first_name": "Truus",
        "last_name": "de Wit",
        "date_of_birth": "1941-03-02",
        "household_relation": "hoofdbewoner",
        "postcode": "1234 AB",
        "bsn": "",
        "house_number": "12 bis",
        "phone": "06 12345678",
    }
    assert client.post(reverse("residents:create"), data).status_code == 302
    assert Resident.objects.get().house_number == "12 bis"
