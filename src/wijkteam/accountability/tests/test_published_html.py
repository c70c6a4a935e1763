"""A published version's tables are rendered once per language and then read from the cache."""

import datetime
from decimal import Decimal
from unittest import mock

import pytest
from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import translation

from wijkteam.accountability import published_html, services
from wijkteam.accountability.models import Aggregate, PublishedOverview
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.publications import by_point
from wijkteam.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def version() -> PublishedOverview:
    for name, inloop in (("Noord", 40), ("West", 3), ("Zuid", 30)):
        Aggregate.objects.create(
            day=datetime.date(2026, 4, 7),
            team=TeamFactory(name=name),
            law="wmo",
            metric="melding.kanaal.inloop",
            value=Decimal(inloop),
        )
    months_from_days()
    beleid = UserFactory(beleid=True)
    overview = services.overview_save(
        actor=beleid,
        overview=None,
        title="Tweede kwartaal",
        period_kind="kwartaal",
        period_month="2026-04",
        threshold=10,
        explanation="",
    )
    return services.overview_publish(actor=beleid, overview=overview)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_page_shows_the_tables_as_rendered_and_caches_them(
    client_for, version, language
) -> None:
    cache.clear()
    raad = client_for(UserFactory(wmoraad=True))
    url = f"/verantwoording/publicaties/{version.pk}/"
    other = "en" if language == "nl" else "nl"
    raad.cookies[settings.LANGUAGE_COOKIE_NAME] = other
    raad.get(url)  # the other language's tables in the cache: not shown in this language
    raad.cookies[settings.LANGUAGE_COOKIE_NAME] = language  # the language switch
    with translation.override(language):
        fresh = render_to_string(
            "accountability/_points.html", {"points": by_point(version.sections), "reveal": False}
        )
    first = raad.get(url).content.decode()
    assert f'<html lang="{language}"' in first
    assert fresh in first and '<span aria-hidden="true">*</span>' in fresh
    with mock.patch.object(published_html, "render_to_string") as render:
        second = raad.get(url).content.decode()
    render.assert_not_called()
    assert fresh in second


def test_the_key_holds_the_version_the_language_and_the_templates(version) -> None:
    with translation.override("nl"):
        dutch = published_html.cache_key(version)
    with translation.override("en"):
        english = published_html.cache_key(version)
    assert dutch != english
    assert str(version.pk) in dutch and published_html.templates_digest() in dutch
    published_html.templates_digest.cache_clear()
    with mock.patch.object(published_html, "TEMPLATES", ("accountability/_points.html",)):
        assert published_html.templates_digest() not in dutch
    published_html.templates_digest.cache_clear()
