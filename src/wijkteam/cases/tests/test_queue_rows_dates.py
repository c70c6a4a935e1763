"""The queue's rows write a date's pieces themselves (``queue_html._date``): the same text as
the ``date`` filter of ``cases/_work_queue_rows.html`` in Dutch and English (issue 17)."""

import datetime

import pytest
from django.template.loader import render_to_string
from django.utils import timezone, translation

from wijkteam.cases import queue_html
from wijkteam.cases.selectors_queue import QueueItem
from wijkteam.testing.factories import CaseFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_weekday_and_an_early_year_are_the_date_filters(language):
    """The rows write the date's pieces themselves (``queue_html._date``): every weekday, a
    year below 1000 (four digits) and a datetime (the filter's own path) as the template."""
    case = CaseFactory()
    first = datetime.date(2026, 12, 7)
    dates: list[datetime.date] = [first + datetime.timedelta(days=n) for n in range(8)]
    dates += [datetime.date(999, 1, 2), timezone.now()]
    items = [QueueItem(day, "termijn", "Termijn", case, status="on_time") for day in dates]
    with translation.override(language):
        expected = render_to_string(queue_html.ROWS_TEMPLATE, {"items": items})
        assert queue_html.rows_html(items) == expected
    weekday = "Mon" if language == "en" else "ma"
    assert f"{weekday} 7-12-2026" in expected and "0999" in expected
