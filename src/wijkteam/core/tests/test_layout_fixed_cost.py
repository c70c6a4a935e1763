"""What the layout keeps between its parts and rules (issue 17, branch ``h-fixed2``).

Nothing is kept across requests that depends on the user: the layout's text per language (as
before), the parts looked up once per *render*, each menu rule asked once per *request*. These
tests show the new dimensions: a language changed while a page renders, two users and two
languages one after the other in one process, an unread count that changes between requests.
"""

from typing import Any

import pytest
from django.conf import settings
from django.template import engines
from django.utils import translation

from wijkteam.conftest import verified_client
from wijkteam.core import navigation, request_cache
from wijkteam.core.tests.test_layout import REFERENCE, _mask, _request, _user
from wijkteam.notifications.models import Notification


class _SwitchLanguage:
    """Activates English when the page prints it: the rest of the page is then English."""

    def __str__(self) -> str:
        translation.activate("en")
        return ""


def _render(extends: str, request: Any) -> str:
    engine = engines["django"]
    child = "{% block content %}<p>{{ switch }}</p>{% endblock %}"
    context = {"switch": _SwitchLanguage()}
    if extends == "new":
        return engine.from_string('{% extends "base.html" %}' + child).render(context, request)
    reference = engine.from_string(REFERENCE.read_text()).template  # type: ignore[attr-defined]
    child = "{% extends reference %}" + child
    return engine.from_string(child).render({**context, "reference": reference}, request)


@pytest.mark.django_db
def test_a_language_changed_while_the_page_renders_changes_the_rest_as_before() -> None:
    user = _user("professional")
    pages = []
    for extends in ("old", "new"):
        with translation.override("nl"):
            pages.append(_mask(_render(extends, _request(user, "/"))))
    old, new = pages
    assert new == old
    assert '<html lang="nl"' in new and "Accessibility statement" in new  # footer in English


@pytest.mark.django_db
def test_two_users_two_languages_and_a_changed_count_are_never_stale() -> None:
    first, second = _user("professional"), _user("teamleider")
    second.first_name, second.last_name = "Tweede", "Gebruiker"
    second.save()
    clients = {first.pk: verified_client(first), second.pk: verified_client(second)}
    for round_ in range(2):
        for user, language in ((first, "nl"), (second, "en"), (first, "en"), (second, "nl")):
            Notification.objects.create(user=user, kind="new_report", text="t", url="/")
            expected = Notification.objects.filter(user=user, read_at=None).count()
            client = clients[user.pk]
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
            html = client.get("/").content.decode()
            assert f'<html lang="{language}"' in html, round_
            assert f'<span class="wt-notify-count">{expected}</span>' in html
            assert ("Tweede Gebruiker" in html) == (user == second)
            assert ("Uitloggen" in html) == (language == "nl")


@pytest.mark.django_db
def test_a_rule_shared_by_several_entries_is_asked_once_per_request() -> None:
    asked: list[int] = []

    def rule(user: Any) -> bool:
        asked.append(user.pk)
        return True

    before = dict(navigation._entries)
    try:
        navigation.register(navigation.NavEntry(990, "Proef A", "home:home", rule))
        navigation.register(navigation.NavEntry(991, "Proef B", "cases:queue", rule))
        user = _user("professional")
        for _ in range(2):  # two requests: asked again in the second
            token = request_cache._store.set({})
            try:
                items = navigation.navigation(_request(user, "/"))["nav_items"]
            finally:
                request_cache._store.reset(token)
            labels = [item["label"] for item in items]
            assert "Proef A" in labels and "Proef B" in labels
        assert asked == [user.pk, user.pk]
    finally:
        navigation._entries.clear()
        navigation._entries.update(before)
        navigation._clear()
