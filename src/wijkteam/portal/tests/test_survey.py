"""The client-experience survey: offered after a decision or closure, answered anonymously."""

import datetime
from typing import Any

import pytest
from django.db import connection

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case
from wijkteam.complaints.models import SurveyResponse
from wijkteam.portal.models import SurveyParticipation
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def close(case: Case) -> None:
    Case.objects.filter(pk=case.pk).update(
        state=CaseState.AFGESLOTEN,
        closed_on=datetime.date(2026, 3, 1),
        closure_outcome="bereikt",
        closure_reason="Doelen bereikt",
    )


def test_no_survey_before_a_decision_or_closure(setting: dict) -> None:
    client = logged_in(BSN_A)
    assert "Er staat nu geen vragenlijst" in client.get("/mijn/tevredenheid/").content.decode()
    assert client.get(f"/mijn/tevredenheid/{setting['case'].pk}/").status_code == 302


def test_answer_is_stored_without_any_link_to_the_resident(setting: dict) -> None:
    close(setting["case"])
    client = logged_in(BSN_A)
    assert "Hoe vond u de hulp?" in client.get("/mijn/").content.decode()
    url = f"/mijn/tevredenheid/{setting['case'].pk}/"
    assert client.get(url).status_code == 200
    empty = client.post(url, {})
    assert empty.status_code == 400 and "ten minste één vraag" in empty.content.decode()
    assert not SurveyResponse.objects.exists() and not SurveyParticipation.objects.exists()
    response = client.post(url, {"q1": "4", "q5": "5", "q9": "2"})
    assert response.status_code == 302
    answer = SurveyResponse.objects.get()
    assert (answer.q1, answer.q5, answer.q9, answer.q2) == (4, 5, 2, None)
    assert answer.team == setting["team"] and answer.period.day == 1
    # the answer holds no person: no column of the table refers to a resident or an account
    columns = {
        c.name
        for c in connection.introspection.get_table_description(
            connection.cursor(), SurveyResponse._meta.db_table
        )
    }
    assert not {c for c in columns if "resident" in c or "user" in c or "by" in c}
    participation = SurveyParticipation.objects.get()
    assert participation.resident == setting["resident"]
    assert {f.name for f in SurveyParticipation._meta.fields} == {"id", "case", "resident"}
    assert not AccessLogEntry.objects.filter(object_type__icontains="survey").exists()
    page = client.get("/mijn/tevredenheid/").content.decode()
    assert "Dank u wel" in page and "Er staat nu geen vragenlijst" in page
    again = client.post(url, {"q1": "1"})
    assert again.status_code == 302 and SurveyResponse.objects.count() == 1


def test_a_housemate_is_invited_separately_and_others_are_refused(setting: dict) -> None:
    close(setting["case"])
    logged_in(BSN_A).post(f"/mijn/tevredenheid/{setting['case'].pk}/", {"q1": "3"})
    housemate = logged_in(setting["housemate"].bsn)
    assert (
        f"/mijn/tevredenheid/{setting['case'].pk}/"
        in housemate.get("/mijn/tevredenheid/").content.decode()
    )
    close(setting["other_case"])
    response = housemate.get(f"/mijn/tevredenheid/{setting['other_case'].pk}/")
    assert response.status_code == 404
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED).count() == 1


def test_out_of_scale_answers_are_refused(setting: Any) -> None:
    close(setting["case"])
    client = logged_in(BSN_A)
    response = client.post(f"/mijn/tevredenheid/{setting['case'].pk}/", {"q1": "7"})
    assert response.status_code == 400 and not SurveyResponse.objects.exists()
