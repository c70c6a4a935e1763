"""The layout written in Python (``core/layout.py``) gives the HTML of the template it replaced.

``layout_reference.html`` is ``base.html`` as it was before issue 17 wrote its header in
Python. Every page here is rendered twice, once extending that reference and once extending
today's ``base.html``, and the two must be the same byte for byte (CSRF tokens masked: each
render draws a new mask). A change of the reference or of ``base.html`` fails the digests.
"""

import hashlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import constants as message_levels
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.db import SessionStore
from django.template import TemplateSyntaxError, engines
from django.test import RequestFactory, override_settings
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.safestring import mark_safe

from wijkteam.accounts.models import User
from wijkteam.conftest import verified_client
from wijkteam.core import layout
from wijkteam.notifications.models import Notification
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import MembershipFactory, UserFactory

REFERENCE = Path(__file__).with_name("layout_reference.html")
SKELETON = Path(layout.__file__).resolve().parent.parent / "templates" / "base.html"
ODD = 'O\'Brien <&> "Ab"'
CHILD = (
    "{% block title %}Titel <&>{% endblock %}"
    '{% block head_scripts %}<script src="/x.js"></script>{% endblock %}'
    "{% block breadcrumbs %}<nav>kruimel</nav>{% endblock %}"
    "{% block content %}<p>inhoud {{ LANGUAGE_CODE }}</p>{% endblock %}"
)
_TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')


def _mask(html: str) -> str:
    return _TOKEN.sub('name="csrfmiddlewaretoken" value="…"', html)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_reference_template_is_the_one_the_python_was_written_from() -> None:
    assert _digest(REFERENCE) == layout.SOURCE_SHA256, (
        "layout_reference.html changed: change core/layout.py to match and its SOURCE_SHA256"
    )


def test_base_html_is_the_skeleton_the_python_fills_in() -> None:
    assert _digest(SKELETON) == layout.SKELETON_SHA256, (
        "base.html changed: its header and footer are in core/layout.py (see its docstring)"
    )


def test_an_unknown_part_is_a_syntax_error() -> None:
    with pytest.raises(TemplateSyntaxError):
        engines["django"].from_string('{% load layout %}{% layout "body" %}')


def _render(request: Any, extends: str) -> str:
    """A child of ``base.html`` (``extends='new'``) or of the reference (``'old'``)."""
    engine = engines["django"]
    if extends == "new":
        return engine.from_string('{% extends "base.html" %}' + CHILD).render({}, request)
    reference = engine.from_string(REFERENCE.read_text()).template  # type: ignore[attr-defined]
    child = engine.from_string("{% extends reference %}" + CHILD)
    return child.render({"reference": reference}, request)


def _request(user: Any, path: str, *, verified: bool = True, messages: bool = False) -> Any:
    request = RequestFactory().get(path)
    request.session = SessionStore()
    request.user = user
    if not isinstance(user, AnonymousUser):
        user.is_verified = lambda: verified
    storage = FallbackStorage(request)
    request._messages = storage  # type: ignore[attr-defined]
    if messages:
        storage.add(message_levels.SUCCESS, f"Opgeslagen {ODD}")
        storage.add(message_levels.ERROR, "Fout <b>")
        storage.add(message_levels.WARNING, mark_safe("Let <em>op</em>"))
    return request


def _same(user: Any, path: str, **kwargs: Any) -> str:
    old = _mask(_render(_request(user, path, **kwargs), "old"))
    new = _mask(_render(_request(user, path, **kwargs), "new"))
    assert new == old
    return new


@pytest.fixture(params=["nl", "en"])
def language(request: pytest.FixtureRequest) -> Iterator[str]:
    with translation.override(request.param):
        yield request.param


def _user(kind: str) -> User:
    name = {"first_name": "O'Brien <&>", "last_name": '"Ab"'}
    if kind == "professional":
        user: User = MembershipFactory(user=UserFactory(**name)).user  # type: ignore[assignment]
    elif kind == "teamleider":
        user = MembershipFactory(roles=[TeamRole.TEAMLEIDER]).user  # type: ignore[assignment]
    elif kind == "no_name":
        user = UserFactory(first_name="", last_name="", username="zonder<naam>")  # type: ignore[assignment]
    else:
        user = UserFactory(**{kind: True}, **name)  # type: ignore[assignment]
    return user


KINDS = ["professional", "teamleider", "beleid", "wmoraad", "beheerder", "no_name"]


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("path", ["/", "/werkvoorraad/", "/inwoners/?q=<a&b>'", "/onbekend/"])
def test_the_same_html_for_every_role_language_and_page(
    kind: str, path: str, language: str
) -> None:
    user = _user(kind)
    html = _same(user, path)
    assert f'<html lang="{language}"' in html


@pytest.mark.django_db
@pytest.mark.parametrize("unread", [0, 1, 1234])
def test_the_same_html_with_unread_notifications_and_messages(unread: int, language: str) -> None:
    user = _user("professional")
    Notification.objects.bulk_create(
        Notification(user=user, kind="new_report", text="t", url="/") for _ in range(unread)
    )
    html = _same(user, "/", messages=True)
    assert f'<span class="wt-notify-count">{unread:,}'.replace(",", "") in html.replace(".", "")
    assert "aria-current" in html


@pytest.mark.django_db
def test_the_same_html_for_someone_not_logged_in_or_not_yet_verified(language: str) -> None:
    assert "wt-user" not in _same(AnonymousUser(), "/inloggen/")
    html = _same(_user("professional"), "/inloggen/", verified=False)
    assert "wt-user" in html and "hoofdmenu" not in html and "wt-notify-link" not in html


@pytest.mark.django_db
def test_the_same_html_under_a_script_prefix() -> None:
    from django.urls import get_script_prefix, set_script_prefix

    before = get_script_prefix()
    set_script_prefix("/wijk/")
    try:
        html = _same(_user("professional"), "/wijk/werkvoorraad/")
        assert 'href="/wijk/werkvoorraad/" aria-current="page"' in html
    finally:
        set_script_prefix(before)


@pytest.mark.django_db
def test_the_same_html_without_a_request() -> None:
    """A template rendered with a plain context (no request, user or CSRF token)."""
    engine = engines["django"]
    reference = engine.from_string(REFERENCE.read_text()).template  # type: ignore[attr-defined]
    old = engine.from_string("{% extends reference %}" + CHILD).render({"reference": reference})
    new = engine.from_string('{% extends "base.html" %}' + CHILD).render({})
    assert new == old


def _reference_templates() -> list[dict[str, Any]]:
    """The project's template settings, with ``base.html`` served by the reference."""
    engine: dict[str, Any] = settings.TEMPLATES[0]
    options: dict[str, Any] = {**engine["OPTIONS"]}
    options["loaders"] = [
        ("django.template.loaders.locmem.Loader", {"base.html": REFERENCE.read_text()}),
        "django.template.loaders.filesystem.Loader",
        "django.template.loaders.app_directories.Loader",
    ]
    return [{**engine, "APP_DIRS": False, "OPTIONS": options}]


@pytest.mark.django_db
@pytest.mark.parametrize("chosen", ["nl", "en"])
@pytest.mark.parametrize("path", ["/", "/werkvoorraad/", "/notificaties/", "/_bench/layout/"])
@override_settings(ROOT_URLCONF="wijkteam.settings.bench_urls")
def test_real_pages_through_the_middleware_are_the_same(path: str, chosen: str) -> None:
    """The language of a real request is the language switch's cookie (``LanguageMiddleware``),
    not ``translation.override`` around the request: the English pages are asked for so."""
    user = _user("professional")
    Notification.objects.create(user=user, kind="new_report", text="t <&>", url="/")
    client = verified_client(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = chosen
    new = client.get(path)
    with override_settings(TEMPLATES=_reference_templates()):
        old = client.get(path)
    assert new.status_code == old.status_code == 200
    assert _mask(new.content.decode()) == _mask(old.content.decode())
    assert f'<html lang="{chosen}"' in new.content.decode() and new["Content-Language"] == chosen
    assert new.headers.get("Vary") == old.headers.get("Vary")


def test_the_layouts_urls_do_not_depend_on_the_current_app() -> None:
    """``{% url %}`` passed the request's namespace as ``current_app``; the Python reverses
    without it, which is the same as long as no app is included under two namespaces."""
    from django.urls import get_resolver

    assert all(len(names) == 1 for names in get_resolver().app_dict.values())


def _old_nav_items(request: Any) -> list[dict[str, Any]]:
    """``core.navigation.navigation`` before its table was kept per language."""
    from wijkteam.core.navigation import entries
    from wijkteam.core.url_cache import cached_reverse

    current = request.path
    items = []
    for entry in entries():
        if entry.visible(request.user):
            url = cached_reverse(entry.url_name)
            exact = current == url or (not entry.exact and current.startswith(url))
            items.append({"label": str(entry.label), "url": url, "current": exact})
    return items


@pytest.mark.django_db
@pytest.mark.parametrize("kind", KINDS)
def test_the_menu_is_what_it_was_per_language(kind: str, language: str) -> None:
    from wijkteam.core.navigation import navigation

    user = _user(kind)
    for path in ["/", "/werkvoorraad/", "/casussen/1/", "/x/"]:
        request = _request(user, path)
        items = navigation(request)["nav_items"]
        assert items == _old_nav_items(request) and items
        request.user = SimpleLazyObject(lambda: user)  # as the middleware sets it
        assert navigation(request)["nav_items"] == items
        assert all(type(item["label"]) is str for item in items)


def test_registering_an_entry_forgets_the_kept_menu() -> None:
    from wijkteam.core import navigation

    before = dict(navigation._entries)
    navigation._table()
    try:
        entry = navigation.NavEntry(order=999, label="Proef", url_name="home:home", visible=bool)
        navigation.register(entry)
        assert navigation._table()[-1][2:] == ("Proef", "/")
    finally:
        navigation._entries.clear()
        navigation._entries.update(before)
        navigation._clear()
