"""full_clean_batched gives the errors of full_clean, in fewer queries."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wijkteam.cases.constants import DecisionStatus
from wijkteam.cases.models import Decision
from wijkteam.core.validation import full_clean_batched
from wijkteam.organisation.models import Membership
from wijkteam.testing.factories import CaseFactory, MembershipFactory

pytestmark = pytest.mark.django_db

DAY = datetime.date(2026, 3, 2)


def decision(**changes) -> Decision:
    case = CaseFactory()
    values = {
        "case": case,
        "resident": case.household.members.first(),
        "law": "wmo",
        "product_category": "02",
        "volume": Decimal(3),
        "unit": "04",
        "frequency": "2",
        "starts_on": DAY,
        "ends_on": DAY + datetime.timedelta(weeks=26),
        "requested_on": DAY,
        "status": DecisionStatus.AANGEVRAAGD,
        "created_by": case.coordinator,
    }
    values.update(changes)
    return Decision(**values)


def errors_of(check, instance) -> dict[str, list[str]] | None:
    try:
        check(instance)
    except ValidationError as exc:
        return {k: sorted(v) for k, v in exc.message_dict.items()}
    return None


def test_a_valid_decision_passes_in_one_query_instead_of_many():
    valid = decision()
    with CaptureQueriesContext(connection) as django_way:
        valid.full_clean()
    with CaptureQueriesContext(connection) as batched:
        full_clean_batched(valid)
    # Django: a lookup per foreign key and a savepointed query per check constraint.
    assert len(django_way) >= 4 * 3
    assert len(batched) == 1


@pytest.mark.parametrize(
    "changes",
    [
        {"volume": Decimal(-1)},
        {"ends_on": DAY - datetime.timedelta(days=1)},
        {"status": DecisionStatus.BESLOTEN},  # decided without basis, motivation or decider
        {"deviates_from_protocol": True},  # without a justification
        {"volume": Decimal(-1), "ends_on": DAY - datetime.timedelta(days=1)},
        {"unit": "99", "volume": Decimal(-1)},  # a field error skips the checks on that field
        {"product_category": ""},
    ],
)
def test_the_errors_are_those_of_full_clean(changes):
    instance = decision(**changes)
    expected = errors_of(lambda i: i.full_clean(), instance)
    assert expected is not None
    assert errors_of(full_clean_batched, instance) == expected


def test_unique_constraints_are_still_checked():
    existing = MembershipFactory()
    duplicate = Membership(
        team=existing.team,
        user=existing.user,
        organisation=existing.organisation,
        discipline=existing.discipline,
        active_from=existing.active_from,
    )
    expected = errors_of(lambda i: i.full_clean(), duplicate)
    assert expected is not None
    assert errors_of(full_clean_batched, duplicate) == expected


def test_an_unloaded_foreign_key_is_still_looked_up():
    instance = decision()
    instance.resident_id = 987654  # no such resident; setting the id drops the loaded object
    found = errors_of(full_clean_batched, instance)
    assert found is not None and "resident" in found
