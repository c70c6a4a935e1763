"""The client-experience survey: anonymous by construction, validated, once per submit."""

import datetime
import uuid

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from wijkteam.audit.models import AuditEvent
from wijkteam.complaints import services
from wijkteam.complaints.constants import SURVEY_QUESTION_KEYS
from wijkteam.complaints.models import SurveyResponse
from wijkteam.testing.factories import MembershipFactory, TeamFactory

pytestmark = pytest.mark.django_db


def test_stores_only_team_law_and_month() -> None:
    member = MembershipFactory()
    response = services.survey_answer(
        actor=member.user,
        team=member.team,
        law="wmo",
        answers={"q1": 4, "q2": 5, "q9": None},
        answered_on=datetime.date(2026, 10, 17),
    )
    assert response.period == datetime.date(2026, 10, 1)
    fields = {f.name for f in SurveyResponse._meta.get_fields()}
    assert fields == {"id", "team", "law", "period", "submission_token", *SURVEY_QUESTION_KEYS}
    assert not AuditEvent.objects.filter(object_type="complaints.SurveyResponse").exists()


@pytest.mark.parametrize(
    "answers",
    [{"q1": 6}, {"q1": 0}, {"q42": 3}, {}, {"q1": None}, {"q1": True}],
)
def test_bad_answers_store_nothing(answers: dict) -> None:
    member = MembershipFactory()
    with pytest.raises(ValidationError):
        services.survey_answer(actor=member.user, team=member.team, law="wmo", answers=answers)
    assert not SurveyResponse.objects.exists()


def test_professional_only_for_own_team_and_double_submit() -> None:
    member = MembershipFactory()
    with pytest.raises(PermissionDenied):
        services.survey_answer(actor=member.user, team=TeamFactory(), law="wmo", answers={"q1": 3})
    token = uuid.uuid4()
    first = services.survey_answer(
        actor=member.user,
        team=member.team,
        law="jeugdwet",
        answers={"q1": 3},
        submission_token=token,
    )
    again = services.survey_answer(
        actor=member.user,
        team=member.team,
        law="jeugdwet",
        answers={"q1": 3},
        submission_token=token,
    )
    assert first == again and SurveyResponse.objects.count() == 1
