"""The options of ``direct_render.Select`` from the renderer's cache are Django's (``h-plan2``).

Reference: the same field with Django's ``forms.Select`` rendered through the templates. Both
are rendered with every value selected in turn, twice (the second time from the cache), with
ints, ``None``, ``""``, ``True`` next to ``1``, a value twice, lazy and safe labels, ``'<&>``,
a value outside the choices, optgroups (Django's own ``optgroups``), in Dutch and English, and
through the template engine and as a list of subwidgets (iterating the field).
"""

from typing import Any

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from wijkteam.core import direct_options as direct_render
from wijkteam.core.direct_options import Select
from wijkteam.core.direct_render import DIRECT_RENDERER
from wijkteam.core.renderers import WijkteamFormRenderer

TEMPLATES = WijkteamFormRenderer()
CHOICES: list[tuple[Any, Any]] = [
    (None, gettext_lazy("— kies —")),
    ("", "leeg"),
    (1, "één"),
    (True, "waar"),
    ("1", "nog een 1"),
    ("a&b", "O'Brien & <Zonen>"),
    ("safe", mark_safe("<b>veilig</b>")),
    ("open", gettext_lazy("Open")),
    ("x", 'Aanhalingsteken "x"'),
]
GROUPED: list[tuple[Any, Any]] = [
    ("", "---------"),
    ("Wonen", [("w1", "Huishouden & schoonmaak"), ("w2", "Begeleiding")]),
]


def _form(widget: type[forms.Select], choices: list[tuple[Any, Any]]) -> type[forms.Form]:
    class F(forms.Form):
        pick = forms.ChoiceField(choices=choices, required=False, widget=widget)
        typed = forms.TypedChoiceField(
            choices=choices, required=False, coerce=str, empty_value=None, widget=widget
        )

    return F


@pytest.fixture(autouse=True)
def _empty_cache():
    direct_render._OPTIONS.clear()
    yield
    direct_render._OPTIONS.clear()


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("choices", [CHOICES, GROUPED, []], ids=["plain", "grouped", "none"])
def test_the_options_are_djangos_in_every_selection(language, choices):
    new, old = _form(Select, choices), _form(forms.Select, choices)
    values = [None, "", "1", "True", "a&b", "safe", "open", "x", "w2", "niet-bestaand"]
    with translation.override(language):
        for _round in range(2):
            for value in values:
                data = None if value is None else {"pick": value, "typed": value}
                for initial in ({}, {"pick": 1, "typed": True}):
                    a = new(data, initial=initial, renderer=DIRECT_RENDERER)
                    b = old(data, initial=initial, renderer=TEMPLATES)
                    assert str(a) == str(b), value
                    for name in ("pick", "typed"):
                        assert str(a[name]) == str(b[name])
                        assert [w.tag() for w in a[name]] == [w.tag() for w in b[name]]
                    # the same field through the engine's templates
                    c = new(data, initial=initial, renderer=TEMPLATES)
                    assert str(c) == str(b)
    if choices is GROUPED:
        assert not direct_render._OPTIONS  # optgroups: Django's own optgroups
    else:
        assert direct_render._OPTIONS  # written from the cache


def test_the_cache_tells_languages_and_value_types_apart():
    first = _form(Select, [(1, gettext_lazy("Open"))])
    second = _form(Select, [(True, gettext_lazy("Open"))])
    with translation.override("nl"):
        nl = str(first(renderer=DIRECT_RENDERER)["pick"])
    with translation.override("en"):
        en = str(first(renderer=DIRECT_RENDERER)["pick"])
        other = str(second(renderer=DIRECT_RENDERER)["pick"])
    assert 'value="1"' in nl and 'value="1"' in en and 'value="True"' in other
    assert len(direct_render._OPTIONS) == 3
    plain = _form(Select, [("a", "<b>x</b>")])
    safe = _form(Select, [("a", mark_safe("<b>x</b>"))])
    assert "&lt;b&gt;" in str(plain(renderer=DIRECT_RENDERER)["pick"])
    assert "<b>x</b>" in str(safe(renderer=DIRECT_RENDERER)["pick"])


def test_a_full_cache_starts_again(monkeypatch):
    monkeypatch.setattr(direct_render, "MAX_OPTION_LISTS", 2)
    for n in range(5):
        html = str(_form(Select, [(str(n), f"keuze {n}")])(renderer=DIRECT_RENDERER)["pick"])
        assert f"keuze {n}" in html
    assert len(direct_render._OPTIONS) <= 2
