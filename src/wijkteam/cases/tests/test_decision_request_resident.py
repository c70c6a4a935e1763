"""The aanvraag takes its resident from the household ``case_get`` read (issue 17, ``h-dec3``).

``forms_decision.HouseholdMemberField`` gives a known member for a plain id and otherwise does
what ``ModelChoiceField`` does: here both fields agree on every kind of input (a member, padded
and zero-led ids, another household's resident, unknown ids, text, blanks, non-ASCII digits),
and the aanvraag POST stores the same decision with one statement fewer.
"""

from unittest import mock

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.cases import selectors
from wijkteam.cases.forms_decision import DecisionRequestForm, HouseholdMemberField
from wijkteam.cases.models import Decision
from wijkteam.testing.factories import ResidentFactory

from .test_decision_fixtures import build_world
from .test_decision_views import request_data

pytestmark = pytest.mark.django_db


def _outcome(form: DecisionRequestForm) -> tuple[bool, dict, object]:
    valid = form.is_valid()
    resident = form.cleaned_data.get("resident")
    return valid, dict(form.errors), getattr(resident, "pk", resident)


def test_the_field_agrees_with_model_choice_field_on_every_input():
    w = build_world()
    case = selectors.case_get(user=w.coordinator, pk=w.case.pk)
    other = ResidentFactory()
    pk = w.resident.pk
    values = [
        str(pk),
        f" {pk} ",
        f"0{pk}",
        f"{pk}.0",
        str(other.pk),
        "999999999",
        "x",
        "",
        "٣",
        f"{pk}\x00",
        "-1",
    ]
    for value in values:
        data = request_data(w, resident=value)
        now = DecisionRequestForm(data, case=case)
        assert now.fields["resident"].known  # the prefetched members
        with CaptureQueriesContext(connection) as queries:
            now_outcome = _outcome(now)
        with mock.patch.object(HouseholdMemberField, "to_python", forms.ModelChoiceField.to_python):
            before_outcome = _outcome(DecisionRequestForm(data, case=case))
        assert now_outcome == before_outcome, value
        if value == str(pk):
            assert now_outcome[0] and now_outcome[2] == pk
            assert len(queries) == 0  # no read of the resident
    # a case without prefetched members: the field reads as before
    plain = DecisionRequestForm(request_data(w), case=w.case)
    assert plain.fields["resident"].known == {}
    assert _outcome(plain)[2] == pk


def test_the_aanvraag_stores_the_same_with_one_statement_fewer(client_for):
    w = build_world()
    client = client_for(w.coordinator)
    target = reverse("cases:decision_request", args=[w.case.pk])
    client.get(target)
    with CaptureQueriesContext(connection) as now:
        assert client.post(target, request_data(w)).status_code == 302
    with (
        mock.patch.object(HouseholdMemberField, "to_python", forms.ModelChoiceField.to_python),
        CaptureQueriesContext(connection) as before,
    ):
        assert client.post(target, request_data(w)).status_code == 302
    first, second = Decision.objects.order_by("pk")
    assert first.resident_id == second.resident_id == w.resident.pk
    assert len(now) == len(before) - 1
