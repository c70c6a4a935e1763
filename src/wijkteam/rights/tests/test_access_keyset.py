"""The access overview pages by keyset on (at, id): same rows as OFFSET pages, opaque and
validated page links (a bad one is a Dutch 400), filters kept, a fixed number of queries."""

import datetime
import html
import re

import pytest
from django.core.paginator import Paginator
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.core import keyset
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, AccessLogResident
from wijkteam.rights import selectors
from wijkteam.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkteam.rights.tests.urls_for_tests")]


def _rows(resident_id: int, count: int, *, ties: int = 3) -> None:
    """``count`` overview rows for one resident, ``ties`` of them sharing each timestamp."""
    log_access(
        user=UserFactory(), action=AccessAction.READ, residents=[resident_id], purpose="basis"
    )
    entry = AccessLogEntry.objects.order_by("-id").first()
    start = timezone.now() - datetime.timedelta(days=30)
    AccessLogResident.objects.bulk_create(
        AccessLogResident(
            entry=entry, resident_id=resident_id, at=start + datetime.timedelta(minutes=i // ties)
        )
        for i in range(count)
    )


def _link(page_html: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', page_html)
    return html.unescape(found.group(1)) if found else None


@pytest.mark.parametrize("newest_first", [False, True])
def test_keyset_pages_equal_offset_pages_forward_and_back(world, newest_first):
    _rows(world.resident.pk, 23, ties=4)
    qs = AccessLogResident.objects.filter(resident_id=world.resident.pk)
    order = ("-at", "-id") if newest_first else ("at", "id")
    offset_pages = [
        [item.pk for item in p.object_list]
        for p in (Paginator(qs.order_by(*order), 5).page(n) for n in range(1, 6))
    ]
    seen, position = [], None
    while True:
        page = keyset.keyset_page(
            qs, size=5, salt="t", position=position, newest_first=newest_first, count=True
        )
        seen.append([item.pk for item in page.object_list])
        assert page.number == len(seen) and page.count == 24 and page.num_pages == 5
        if not page.has_next:
            break
        position = keyset.cursor_from_query({"na": page.next_token}, salt="t")
    assert seen == offset_pages
    # and back again from the last page with the "voor" links
    back = []
    while page.has_previous:
        position = keyset.cursor_from_query({"voor": page.previous_token}, salt="t")
        page = keyset.keyset_page(
            qs, size=5, salt="t", position=position, newest_first=newest_first
        )
        back.append([item.pk for item in page.object_list])
    assert back == offset_pages[-2::-1]
    assert page.number == 1


@pytest.mark.parametrize(
    "token",
    ["garbage", "", "x" * 300, keyset.encode(keyset.Cursor(timezone.now(), 1, 2), salt="other")],
)
def test_a_bad_cursor_is_refused(token):
    if not token:
        assert keyset.cursor_from_query({"na": token}, salt="t") is None
        return
    with pytest.raises(keyset.BadCursor):
        keyset.cursor_from_query({"na": token}, salt="t")


def test_overview_follows_links_keeps_filters_and_shows_the_same_rows(client_for, world):
    for i in range(120):
        log_access(
            user=world.coordinator,
            action=AccessAction.READ,
            residents=[world.resident.pk],
            purpose=f"r{i:03d}",
        )
    client = client_for(world.own)
    url = reverse("privacy:access_overview", args=[world.resident.pk])
    today = timezone.localdate()
    period = {"van": (today - datetime.timedelta(days=40)).isoformat(), "tot": today.isoformat()}
    first = client.get(url, period).content.decode()
    assert "Pagina 1 van 3" in first and _link(first, "prev") is None
    next_link = _link(first, "next")
    assert f"van={period['van']}" in next_link and f"tot={period['tot']}" in next_link
    assert "pagina=" not in next_link and "na=" in next_link
    second = client.get(url + next_link).content.decode()
    assert "Pagina 2 van 3" in second
    back = client.get(url + _link(second, "prev")).content.decode()
    assert "Pagina 1 van 3" in back
    # the rows shown are the OFFSET page's rows (the old Paginator over the same order)
    qs = AccessLogResident.objects.filter(resident_id=world.resident.pk).order_by("at", "id")
    old = [o.entry.purpose for o in Paginator(qs.select_related("entry"), 50).page(2)]
    shown = re.findall(r'<td class="utrecht-table__cell">(r\d{3})</td>', second)
    assert shown == old


def test_overview_bad_cursor_is_a_dutch_400_not_a_500(client_for, world):
    _rows(world.resident.pk, 60)
    client = client_for(world.own)
    url = reverse("privacy:access_overview", args=[world.resident.pk])
    for query in ({"na": "kapot"}, {"voor": "a:b:c"}, {"na": "W10:1:x"}):
        response = client.get(url, query)
        assert response.status_code == 400
        assert "Deze paginalink klopt niet" in response.content.decode()
    # a link made for another resident is not valid here
    other = keyset.encode(
        keyset.Cursor(timezone.now(), 1, 2),
        salt=selectors.access_overview_salt(world.resident.pk + 1),
    )
    assert client.get(url, {"na": other}).status_code == 400


def test_overview_query_count_is_the_same_on_a_deep_page(client_for, world):
    _rows(world.resident.pk, 260)
    client = client_for(world.own)
    url = reverse("privacy:access_overview", args=[world.resident.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as first:
        page_html = client.get(url).content.decode()
    link = _link(page_html, "next")
    for _ in range(3):
        page_html = client.get(url + link).content.decode()
        link = _link(page_html, "next")
    with CaptureQueriesContext(connection) as deep:
        assert client.get(url + link).status_code == 200
    assert len(deep) == len(first)


def test_api_pages_by_cursor_like_offset_pages_forward_and_back(client_for, world, monkeypatch):
    from wijkteam.rights import selectors_access

    monkeypatch.setattr(selectors_access, "PAGE_SIZE", 5)
    _rows(world.resident.pk, 21, ties=4)
    client = client_for(world.own)
    base = "/api/access-overview/"
    body = client.get(base, {"resident": world.resident.pk}).json()
    assert body["count"] == 22 and body["pages"] == 5 and body["page"] == 1
    assert body["previous"] is None and body["next"].startswith("na.")
    seen = [body]
    while body["next"] is not None:
        body = client.get(base, {"resident": world.resident.pk, "cursor": body["next"]}).json()
        seen.append(body)
    # every read is logged too, so the walk ends on the reads' own rows (oldest first)
    assert [b["page"] for b in seen] == list(range(1, len(seen) + 1))
    # the rows of the walk are the rows there were, each once (keyset_page is checked against
    # OFFSET pages above; here the API's cursor is)
    assert [len(b["results"]) for b in seen[:-1]] == [5] * (len(seen) - 1)
    assert sum(len(b["results"]) for b in seen) == seen[-1]["count"] >= 22
    back = client.get(base, {"resident": world.resident.pk, "cursor": seen[2]["previous"]}).json()
    assert back["page"] == 2
    assert back["results"] == seen[1]["results"]


@pytest.mark.parametrize("cursor", ["kapot", "na.", "zijwaarts.abc", "na.W10:1:x", "voor.a:b:c"])
def test_api_bad_cursor_is_a_structured_400(client_for, world, cursor):
    client = client_for(world.own)
    response = client.get(
        "/api/access-overview/", {"resident": world.resident.pk, "cursor": cursor}
    )
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert "cursor" in body["errors"]
    other = keyset.api_cursor(
        keyset.NEXT,
        keyset.encode(
            keyset.Cursor(timezone.now(), 1, 2),
            salt=selectors.access_overview_salt(world.resident.pk + 1),
        ),
    )
    foreign = client.get("/api/access-overview/", {"resident": world.resident.pk, "cursor": other})
    assert foreign.status_code == 400
