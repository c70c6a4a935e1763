"""The dashboard's figures from the cache: the same page, rendered once per content."""

import datetime
import re
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import escape

from wijkteam.accountability import dashboard_html
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.testing.factories import CaseFactory, ReportFactory, UserFactory

pytestmark = pytest.mark.django_db

URL = "/verantwoording/"
PARAMS = {"periode": "maand", "van": "2026-10"}


@pytest.fixture
def case():
    cache.clear()
    case = CaseFactory()
    at = timezone.make_aware(datetime.datetime(2026, 10, 5, 10, 0))
    for _ in range(3):
        ReportFactory(team=case.team, received_at=at)
    snapshot_build(trigger="test")
    return case


def _without_tokens(html: str) -> str:
    """The page without what differs per response (CSP nonce, masked CSRF token)."""
    return re.sub(r'(nonce|csrfmiddlewaretoken" value)="[^"]*"', "", html)


def _renders():
    return mock.patch.object(dashboard_html, "render_to_string", side_effect=render_to_string)


def test_the_second_request_shows_the_same_page_without_rendering_the_figures(client_for, case):
    client = client_for(UserFactory(beleid=True))
    with _renders() as render:
        first = client.get(URL, PARAMS).content.decode()
        second = client.get(URL, PARAMS).content.decode()
    assert render.call_count == 1
    assert _without_tokens(first) == _without_tokens(second)
    assert escape(case.team.name) in first and "Totaal gemeente" in first


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_page_holds_the_fragment_rendered_fresh(client_for, case, language):
    client = client_for(UserFactory(beleid=True))
    other = "en" if language == "nl" else "nl"
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = other
    client.get(URL, PARAMS)  # the other language's fragment in the cache: not shown
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switch
    client.get(URL, PARAMS)  # fills the cache
    response = client.get(URL, PARAMS)
    assert f'<html lang="{language}"' in response.content.decode()
    context = response.context
    with translation.override(language):
        fresh = render_to_string(
            dashboard_html.TEMPLATE,
            {**{k: context[k] for k in dashboard_html.PARAMETERS}, "data": context["data"]},
        )
    assert fresh.count("<td") > 10
    assert fresh in response.content.decode()


def test_other_figures_names_or_links_render_again(client_for, case):
    client = client_for(UserFactory(beleid=True))
    with _renders() as render:
        client.get(URL, PARAMS)
        client.get(URL, {**PARAMS, "wet": "wmo"})  # other figures and links
        client.get(URL, {**PARAMS, "team": str(case.team.pk)})  # one level down
        assert render.call_count == 3
        case.team.name = "Team Hernoemd"
        case.team.save()
        renamed = client.get(URL, PARAMS).content.decode()
        assert render.call_count == 4 and "Team Hernoemd" in renamed
        snapshot_build(trigger="test")  # a new snapshot: its time is shown
        client.get(URL, PARAMS)
        assert render.call_count == 5


def test_the_key_holds_the_language_and_the_template(client_for, case):
    client = client_for(UserFactory(beleid=True))
    data = client.get(URL, PARAMS).context["data"]
    parameters = {"kind": "maand", "start": "2026-10", "law": "", "team_id": "", "district_id": ""}
    with translation.override("nl"):
        dutch = dashboard_html.cache_key(data, parameters)
    with translation.override("en"):
        english = dashboard_html.cache_key(data, parameters)
    assert dutch != english
    assert dashboard_html.template_digest() in dutch
    assert dashboard_html.cache_key(data, {**parameters, "law": "wmo"}) != dashboard_html.cache_key(
        data, parameters
    )
