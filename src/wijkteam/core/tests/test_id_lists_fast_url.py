"""``InIds`` (a long id list as one parameter) and ``{% fast_url %}`` (``{% url %}`` per row)."""

import pytest
from django.db import connection
from django.template import engines
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wijkteam.accounts.models import User
from wijkteam.core.id_lists import InIds
from wijkteam.core.templatetags.fast_url import fast_reverse
from wijkteam.testing.factories import UserFactory


@pytest.mark.django_db
def test_in_ids_matches_like_in_with_one_parameter_for_any_length() -> None:
    users = UserFactory.create_batch(3)
    wanted = [users[0].pk, users[2].pk]
    ids = wanted + list(range(10**6, 10**6 + 40_000))  # past SQLite's old 32,766 variables
    queryset = User.objects.filter(InIds("pk", ids)).values_list("pk", flat=True)
    with CaptureQueriesContext(connection) as queries:
        found = set(queryset)
    assert found == set(wanted)
    assert len(queries.captured_queries) == 1
    _sql, params = queryset.query.sql_with_params()
    assert len(params) == 1  # one parameter, not 40,002
    # Through a join, with duplicates and as strings.
    assert (
        set(User.objects.filter(InIds("memberships__user_id", [])).values_list("pk", flat=True))
        == set()
    )
    assert list(
        User.objects.filter(InIds("pk", [str(users[1].pk), users[1].pk])).values_list(
            "pk", flat=True
        )
    ) == [users[1].pk]


@pytest.mark.django_db
def test_in_ids_with_no_ids_sends_no_query() -> None:
    with CaptureQueriesContext(connection) as queries:
        assert list(User.objects.filter(InIds("pk", []))) == []
    assert len(queries.captured_queries) == 0


@pytest.mark.parametrize("name", ["cases:detail", "cases:report_triage", "cases:plan_edit"])
@pytest.mark.parametrize("pk", [0, 7, 123456789012345678])
def test_fast_url_gives_what_url_gives(name: str, pk: int) -> None:
    assert fast_reverse(name, pk) == reverse(name, args=[pk])
    template = engines["django"].from_string(
        "{% load fast_url %}{% fast_url name pk %}|{% url name pk %}"
    )
    fast, slow = template.render({"name": name, "pk": pk}).split("|")
    assert fast == slow


def test_fast_url_leaves_other_arguments_to_reverse() -> None:
    # A string id and a bool are not cached: the same as reverse gives (or raises).
    assert fast_reverse("cases:detail", "12") == reverse("cases:detail", args=["12"])
    assert fast_reverse("cases:detail", True) == reverse("cases:detail", args=[True])
