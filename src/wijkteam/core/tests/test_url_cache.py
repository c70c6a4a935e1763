"""``cached_reverse`` and the builtin ``{% url %}`` give exactly what Django's ``reverse`` gives."""

from collections.abc import Callable

import pytest
from django.template import engines
from django.template.base import Template
from django.template.context import Context
from django.template.defaulttags import URLNode
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    reverse,
    set_script_prefix,
)
from django.utils import translation

from wijkteam.core import url_cache
from wijkteam.core.templatetags.fast_url import CachedURLNode
from wijkteam.core.url_cache import cached_reverse


def _named_patterns() -> list[tuple[str, int]]:
    """Every named URL of the site with the number of its path arguments."""
    found: list[tuple[str, int]] = []

    def walk(patterns: list[object], namespace: str, outer: int) -> None:
        for p in patterns:
            converters = len(getattr(p.pattern, "converters", {}))  # type: ignore[attr-defined]
            if isinstance(p, URLResolver):
                inner = f"{namespace}{p.namespace}:" if p.namespace else namespace
                walk(p.url_patterns, inner, outer + converters)
            elif isinstance(p, URLPattern) and p.name:
                found.append((f"{namespace}{p.name}", outer + converters))

    walk(get_resolver().url_patterns, "", 0)
    return found


def _outcome(call: Callable[[], str]) -> tuple[str, object]:
    try:
        return "url", call()
    except Exception as error:
        return "error", type(error)


def test_every_url_of_the_site_with_ids_is_what_reverse_gives() -> None:
    checked = 0
    for name, count in _named_patterns():
        for ids in ([0] * count, [7 + n for n in range(count)], [123456789012345678] * count):
            expected = _outcome(lambda: reverse(name, args=ids))  # noqa: B023
            for _ in range(2):  # the first call fills the cache, the second reads it
                assert _outcome(lambda: cached_reverse(name, ids)) == expected, name  # noqa: B023
            checked += expected[0] == "url"
    assert checked > 200


def test_string_arguments_and_odd_values() -> None:
    for action in ("verlengen", "opschorten"):
        assert cached_reverse("cases:term_change", [3, 4, action]) == reverse(
            "cases:term_change", args=[3, 4, action]
        )
    # A string id, a bool, a negative number, a float: not cached, the same as reverse does.
    for odd in ("12", True, -1, 1.5, None):
        expected = _outcome(lambda: reverse("cases:detail", args=[odd]))  # noqa: B023
        assert _outcome(lambda: cached_reverse("cases:detail", [odd])) == expected  # noqa: B023
    with pytest.raises(NoReverseMatch):
        cached_reverse("cases:bestaat-niet", [1])
    with pytest.raises(NoReverseMatch):
        cached_reverse("cases:detail", [])


def test_script_prefix_and_language_are_part_of_the_key() -> None:
    plain = cached_reverse("cases:detail", [5])
    try:
        set_script_prefix("/wijk/")
        assert cached_reverse("cases:detail", [5]) == reverse("cases:detail", args=[5])
        assert cached_reverse("cases:detail", [5]) == "/wijk" + plain
    finally:
        set_script_prefix("/")
    with translation.override("en"):
        assert cached_reverse("cases:detail", [5]) == reverse("cases:detail", args=[5])
    assert cached_reverse("cases:detail", [5]) == plain


def test_a_full_cache_goes_to_reverse(monkeypatch) -> None:
    monkeypatch.setattr(url_cache, "_MAX_ENTRIES", 0)
    monkeypatch.setattr(url_cache, "_PARTS", {})
    assert cached_reverse("cases:detail", [9]) == reverse("cases:detail", args=[9])
    assert url_cache._PARTS == {}


SOURCE = (
    "{% url 'cases:detail' pk %}|{% url name pk %}|{% url 'cases:term_change' pk 2 'verlengen' %}"
    "|{% url 'cases:detail' pk=pk %}|{% url 'home:home' %}|{% url 'home:home' as home %}[{{ home }}]"
    "|{% url 'bestaat:niet' as missing %}[{{ missing }}]"
)


def test_the_url_tag_is_the_cached_one_and_renders_what_djangos_renders() -> None:
    template = engines["django"].from_string(SOURCE)
    nodes = template.template.nodelist.get_nodes_by_type(URLNode)  # type: ignore[attr-defined]
    assert nodes and all(isinstance(n, CachedURLNode) for n in nodes)
    django_engine = engines["django"].engine
    with override_settings(
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}]
    ):
        plain = engines["django"].engine
        assert plain is not django_engine
        original = Template(SOURCE, engine=plain)
        assert not any(
            isinstance(n, CachedURLNode) for n in original.nodelist.get_nodes_by_type(URLNode)
        )
        for pk in (0, 41, 123456789012345678):
            context = {"pk": pk, "name": "cases:plan_edit"}
            assert template.render(context) == original.render(Context(context))
    with pytest.raises(NoReverseMatch):
        engines["django"].from_string("{% url 'bestaat:niet' %}").render({})


def test_another_url_conf_empties_the_cache() -> None:
    cached_reverse("cases:detail", [3])
    assert url_cache._PARTS
    with override_settings(ROOT_URLCONF="wijkteam.urls"):
        assert url_cache._PARTS == {}
        assert cached_reverse("cases:detail", [3]) == reverse("cases:detail", args=[3])
