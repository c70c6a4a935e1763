"""The log-wide access-log overview (NEN 7513 control): only the functioneel beheerder, every
filter, keyset pages newest first (a bad link is a Dutch 400), the read and the CSV export
logged, the export limited to a period, no resident name anywhere."""

import datetime
import html
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkteam.core import keyset
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.rights import selectors_access_log as sel
from wijkteam.testing.factories import UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkteam.rights.tests.urls_for_tests")]
URL = "/privacy/toegangslog/"
CSV = "/privacy/toegangslog/export.csv"


def _link(page_html: str, rel: str) -> str | None:
    found = re.search(rf'rel="{rel}" href="([^"]+)"', page_html)
    return html.unescape(found.group(1)) if found else None


def _ids(filters: sel.LogFilters) -> list[int]:
    return [r.entry_id for r in _walk(filters)]


def _walk(filters: sel.LogFilters, size: int = 4) -> list[sel.LogRow]:
    """Every page by keyset (small pages); the rows of the entries there were before the walk."""
    ceiling = AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0
    rows, position = [], None
    while True:
        page = keyset.keyset_page(
            sel.filtered(filters), size=size, salt="t", position=position, newest_first=True
        )
        rows += [sel._row(i) for i in page.object_list]
        if not page.has_next:
            break
        position = keyset.cursor_from_query({"na": page.next_token}, salt="t")
    return [r for r in rows if r.entry_id <= ceiling]


@pytest.fixture
def entries(world):
    """A small log: reads, a doorbraak, an export, by three accounts, some at the same moment."""
    other = UserFactory(username="controle-ander")
    moment = timezone.now() - datetime.timedelta(days=3)
    # The first three at one moment (ties are ordered by id), the rest a day later. Written at
    # those moments, not updated afterwards: the log is append-only (on PostgreSQL a trigger
    # refuses any UPDATE) and the time is part of each entry's signed hash.
    with mock.patch("wijkteam.privacy.access_log.timezone.now", return_value=moment):
        made = [
            log_access(
                user=world.coordinator,
                action=AccessAction.READ,
                residents=[world.resident.pk],
                purpose="casus geopend: plan",
            ),
            log_access(
                user=world.own,
                action=AccessAction.READ,
                residents=[world.resident.pk, world.residents[1].pk],
                purpose="casus geopend: onderzoek",
            ),
            log_access(
                user=world.outsider,
                action=AccessAction.EMERGENCY,
                residents=[world.resident.pk],
                purpose="doorbraak: acute zorg",
            ),
        ]
    later = moment + datetime.timedelta(days=1)
    with mock.patch("wijkteam.privacy.access_log.timezone.now", return_value=later):
        made += [
            log_access(
                user=other,
                action=AccessAction.EXPORT,
                residents=[999_001],
                purpose="inzage geëxporteerd",
                role="Generalist",
                organisation=f"Iets Anders, {world.provider.name}",
            ),
            log_access(
                user=other,
                action=AccessAction.READ,
                residents=[],
                purpose="werkvoorraad",
                role="Generalist",
                organisation="Iets Anders",
            ),
        ]
    return [e.pk for e in made], other


def test_filters_select_the_right_entries_newest_first(world, entries):
    made, other = entries
    everything = _ids(sel.LogFilters())
    ours = [i for i in everything if i in made]
    assert ours == [made[4], made[3], made[2], made[1], made[0]]  # newest first, ties by id
    assert _ids(sel.LogFilters(user_id=other.pk)) == [made[4], made[3]]
    assert _ids(sel.LogFilters(action=AccessAction.EXPORT)) == [made[3]]
    assert _ids(sel.LogFilters(emergency_only=True)) == [made[2]]
    assert _ids(sel.LogFilters(emergency_only=True, action=AccessAction.READ)) == []
    assert _ids(sel.LogFilters(resident_id=world.resident.pk)) == [made[2], made[1], made[0]]
    assert _ids(sel.LogFilters(resident_id=world.residents[1].pk)) == [made[1]]
    # a member of several organisations is found under each of them
    assert _ids(sel.LogFilters(organisation="Iets Anders")) == [made[4], made[3]]
    provider = [i for i in _ids(sel.LogFilters(organisation=world.provider.name)) if i in made]
    assert made[3] in provider and made[4] not in provider
    assert _ids(sel.LogFilters(purpose_words=("casus", "PLAN"))) == [made[0]]
    day = (timezone.localtime(timezone.now()) - datetime.timedelta(days=3)).date()
    assert _ids(sel.LogFilters(date_from=day, date_to=day)) == [made[2], made[1], made[0]]
    rows = {r.entry_id: r for r in _walk(sel.LogFilters())}
    assert rows[made[1]].residents == 2 and rows[made[1]].account == world.own.username


def test_only_the_beheerder_reaches_it_and_refusals_are_logged(world, client_for):
    for user in (
        world.coordinator,
        world.leader,
        UserFactory(beleid=True),
        UserFactory(wmoraad=True),
    ):
        for url in (URL, CSV + "?van=2026-01-01&tot=2026-01-31"):
            assert client_for(user).get(url).status_code == 403, (user, url)
        assert AccessLogEntry.objects.filter(user=user, action="refused").count() == 2
    beheerder = UserFactory(beheerder=True)
    response = client_for(beheerder).get(URL)
    assert response.status_code == 200
    assert 'href="/privacy/toegangslog/"' in response.content.decode()  # in the menu


def test_page_walks_by_links_keeps_filters_and_logs_the_read(
    world, entries, client_for, monkeypatch
):
    _made, other = entries
    monkeypatch.setattr(sel, "PAGE_SIZE", 1)
    beheerder = UserFactory(beheerder=True)
    client = client_for(beheerder)
    first = client.get(URL, {"gebruiker": other.username}).content.decode()
    assert "inzage geëxporteerd" not in first and "werkvoorraad" in first
    assert world.resident.full_name not in first
    link = _link(first, "next")
    assert f"gebruiker={other.username}" in link and "na=" in link
    second = client.get(URL + link).content.decode()
    assert "inzage geëxporteerd" in second and "Pagina 2" in second
    assert "Oudere regels" not in second  # the last page
    back = client.get(URL + _link(second, "prev")).content.decode()
    assert "werkvoorraad" in back and "Pagina 1" in back
    read = AccessLogEntry.objects.filter(user=beheerder, action="read").order_by("-id").first()
    assert read is not None and "toegangslog gecontroleerd" in read.purpose
    assert f"gebruiker {other.pk}" in read.purpose and read.resident_ids == []
    client.get(URL, {"inwoner": world.resident.pk})
    read = AccessLogEntry.objects.filter(user=beheerder, action="read").order_by("-id").first()
    assert read.resident_ids == [world.resident.pk]


def test_bad_input_is_a_dutch_400_never_a_500(world, entries, client_for, monkeypatch):
    _made, other = entries
    monkeypatch.setattr(sel, "PAGE_SIZE", 1)
    client = client_for(UserFactory(beheerder=True))
    for query, text in (
        ({"na": "kapot"}, "Deze paginalink klopt niet"),
        ({"voor": "a:b:c"}, "Deze paginalink klopt niet"),
        ({"inwoner": "Jansen"}, "Vul een nummer in"),
        ({"inwoner": "9" * 19}, "Vul een nummer in"),
        ({"gebruiker": "bestaat-niet"}, "geen gebruiker met deze gebruikersnaam"),
        ({"handeling": "lezen"}, "Kies een handeling uit de lijst"),
        ({"organisatie": "Verzonnen BV"}, "Kies een organisatie uit de lijst"),
        ({"van": "2026-05-01", "tot": "2026-04-01"}, "De einddatum ligt vóór de begindatum"),
        ({"van": "gisteren"}, "Vul een geldige datum in"),
        ({"doel": "a b c d e f"}, "ten hoogste 5 woorden"),
    ):
        response = client.get(URL, query)
        assert response.status_code == 400, query
        assert text in response.content.decode(), query
    # a link made for other filters is not valid for these
    page = client.get(URL, {"gebruiker": other.username}).content.decode()
    token = re.search(r"na=([^&\"]+)", _link(page, "next")).group(1)
    assert client.get(URL + f"?handeling=read&na={token}").status_code == 400


def test_query_count_is_the_same_on_a_deep_page(world, entries, client_for, monkeypatch):
    monkeypatch.setattr(sel, "PAGE_SIZE", 1)
    client = client_for(UserFactory(beheerder=True))
    client.get(URL)
    with CaptureQueriesContext(connection) as first:
        page_html = client.get(URL).content.decode()
    link = _link(page_html, "next")
    for _ in range(3):
        link = _link(client.get(URL + link).content.decode(), "next")
    with CaptureQueriesContext(connection) as deep:
        assert client.get(URL + link).status_code == 200
    assert len(deep) == len(first)
    # the log is never counted (a COUNT of 10 million rows would cost more than the page)
    assert not [
        q
        for q in deep.captured_queries
        if "privacy_accesslog" in q["sql"] and "COUNT(" in q["sql"].upper()
    ]


def test_csv_export_of_a_period_is_streamed_limited_and_logged(world, entries, client_for):
    _made, other = entries
    beheerder = UserFactory(beheerder=True)
    client = client_for(beheerder)
    today = timezone.localdate()
    period = {"van": (today - datetime.timedelta(days=10)).isoformat(), "tot": today.isoformat()}
    response = client.get(CSV, {**period, "gebruiker": other.username})
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = body.strip().splitlines()
    assert lines[0].startswith("tijdstip;account;wie")
    assert len(lines) == 3 and "werkvoorraad" in lines[1] and "inzage" in lines[2]
    assert world.resident.full_name not in body
    export = AccessLogEntry.objects.filter(user=beheerder, action="export").get()
    assert "toegangslog geëxporteerd" in export.purpose and period["van"] in export.purpose
    for query, text in (
        ({}, "Kies voor de download een periode"),
        ({"van": period["van"]}, "Kies voor de download een periode"),
        ({"van": "2025-01-01", "tot": "2025-12-31"}, "ten hoogste 92 dagen"),
    ):
        refused = client.get(CSV, query)
        assert refused.status_code == 400 and text in refused.content.decode()
    assert AccessLogEntry.objects.filter(user=beheerder, action="export").count() == 1


def test_migration_0011_leaves_the_overview_indexes_and_drops_their_prefixes():
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "privacy_accesslogentry")
    indexes = {tuple(c["columns"]) for c in constraints.values() if c["index"] and not c["unique"]}
    assert {("at", "id"), ("user_id", "at", "id"), ("action", "at", "id")} <= indexes
    assert ("at",) not in indexes and ("user_id",) not in indexes
