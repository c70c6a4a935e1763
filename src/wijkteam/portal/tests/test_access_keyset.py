"""Mijn wijkteam, "wie keek in mijn dossier": newest first, pages by keyset, bad links 400."""

import datetime
import html
import re
from typing import Any

import pytest
from django.utils import timezone

from wijkteam.portal.selectors import ACCESS_ROWS_SHOWN
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, AccessLogResident
from wijkteam.testing.factories import UserFactory

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def _fill(resident_id: int, count: int) -> None:
    log_access(user=UserFactory(), action=AccessAction.READ, residents=[resident_id], purpose="oud")
    entry = AccessLogEntry.objects.order_by("-id").first()
    start = timezone.now() - datetime.timedelta(days=300)
    AccessLogResident.objects.bulk_create(
        AccessLogResident(
            entry=entry, resident_id=resident_id, at=start + datetime.timedelta(hours=i)
        )
        for i in range(count)
    )


def _link(text: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', text)
    return html.unescape(found.group(1)) if found else None


def test_pages_newest_first_with_previous_and_next(
    setting: dict[str, Any], django_assert_max_num_queries: Any
) -> None:
    _fill(setting["resident"].pk, ACCESS_ROWS_SHOWN + 30)
    client = logged_in(BSN_A)
    first = client.get("/mijn/wie-keek/").content.decode()
    assert first.count('class="wt-portal-card') == ACCESS_ROWS_SHOWN
    assert _link(first, "prev") is None
    nxt = _link(first, "next")
    assert nxt is not None and nxt.startswith("?na=")
    with django_assert_max_num_queries(20):
        second = client.get("/mijn/wie-keek/" + nxt).content.decode()
    # page 1 holds the newest rows (the log-in and page views of today are among them)
    assert second.count('class="wt-portal-card') > 0 and _link(second, "next") is None
    assert _link(second, "prev") is not None
    back = client.get("/mijn/wie-keek/" + _link(second, "prev")).content.decode()
    assert back.count('class="wt-portal-card') == ACCESS_ROWS_SHOWN


def test_a_bad_page_link_is_a_clear_400(setting: dict[str, Any]) -> None:
    client = logged_in(BSN_A)
    response = client.get("/mijn/wie-keek/", {"na": "niet-goed"})
    assert response.status_code == 400
    assert "Deze link naar een andere bladzijde klopt niet" in response.content.decode()
