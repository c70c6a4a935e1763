"""Options of a ``<select>`` written once per list of choices (issue 17, ``h-plan2``).

A select of the plan screen's rows (a team's members, the municipality's organisations, the
social map's services, the goals, the statuses) is rendered for every row with the same
choices; Django builds an option dict for each choice in each row (``optgroups``,
``create_option``) and :mod:`.direct_render` then writes each. A field whose widget is
:class:`Select` (a ``forms.Select`` with the same class name, so ``widget_type`` and the CSS
classes stay those of a select) hands the renderer a :class:`LazyOptgroups` instead: the
direct renderer takes the ``<option>`` lines from :data:`_OPTIONS`, written once per language
and list of choices (types included: ``1`` and ``True``, a safe and a plain label differ) by its own
``select_option.html`` writer, and each row only picks the selected line, the first whose
``str(value)`` is among the widget's values, as ``optgroups`` does. Anything else (optgroups,
a multiple select, another option template, a field rendered by the template engine,
iterating the field's subwidgets) gets Django's own ``optgroups``, computed when first asked
for. Proven the same by ``core/tests/test_direct_options.py``.
"""

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import get_language

OPTION_TEMPLATE = "django/forms/widgets/select_option.html"
Writer = Callable[[Mapping[str, Any]], str]


class LazyOptgroups:
    """``Select.optgroups(name, value, attrs)``, computed only when iterated or measured."""

    __slots__ = ("attrs", "found", "name", "value", "widget")

    def __init__(self, widget: "Select", name: str, value: Any, attrs: Any) -> None:
        self.widget, self.name, self.value, self.attrs = widget, name, value, attrs
        self.found: list[Any] | None = None

    def groups(self) -> list[Any]:
        if self.found is None:
            self.found = forms.Select.optgroups(self.widget, self.name, self.value, self.attrs)
        return self.found

    def __iter__(self) -> Iterator[Any]:
        return iter(self.groups())

    def __len__(self) -> int:
        return len(self.groups())

    def __getitem__(self, index: int) -> Any:
        return self.groups()[index]


class Select(forms.Select):
    """``forms.Select`` whose options :class:`DirectFormRenderer` writes from :data:`_OPTIONS`
    (the same class name: ``widget_type`` and the CSS classes of a select)."""

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> Any:
        return LazyOptgroups(self, name, value, attrs)


class _Options:
    """The ``<option>`` lines of one list of choices, unselected and selected."""

    __slots__ = ("first", "joined", "plain", "selected")

    def __init__(self, choices: list[tuple[Any, Any]], write: Writer) -> None:
        self.plain: list[str] = []
        self.selected: list[str] = []
        self.first: dict[str, int] = {}  # str(value) -> the first option with it
        for index, (value, label) in enumerate(choices):
            option = {"value": value, "label": label, "attrs": {}}
            self.plain.append("\n  " + write(option))
            option["attrs"] = {"selected": True}
            self.selected.append("\n  " + write(option))
            self.first.setdefault(str(value), index)
        self.joined: dict[int | None, str] = {}

    def html(self, values: Any) -> str:
        at = min((self.first[v] for v in values if v in self.first), default=None)
        found = self.joined.get(at)
        if found is None:
            parts = list(self.plain)
            if at is not None:
                parts[at] = self.selected[at]
            found = self.joined[at] = "".join(parts)
        return found


MAX_OPTION_LISTS = 256
_OPTIONS: dict[tuple[Any, ...], _Options] = {}


def cached_options(lazy: LazyOptgroups, write: Writer) -> str | None:
    """The options of ``lazy``'s widget from :data:`_OPTIONS` (written by ``write``, the
    direct renderer's ``select_option.html``); None: not a plain list, use ``optgroups``."""
    widget = lazy.widget
    if widget.allow_multiple_selected or widget.option_template_name != OPTION_TEMPLATE:
        return None
    key: list[Any] = [get_language()]
    choices = []
    for value, label in widget.choices:
        if isinstance(label, (list, tuple)):
            return None  # an optgroup
        if value is None:
            value = ""
        if isinstance(label, Promise):
            label = str(label)  # in the language of the key; what ``{{ label }}`` shows
        key += (type(value), value, type(label), label)  # a safe label is another key
        choices.append((value, label))
    try:
        found = _OPTIONS.get(tuple(key))
    except TypeError:  # a value or label that cannot be a key
        return None
    if found is None:
        found = _Options(choices, write)
        if len(_OPTIONS) >= MAX_OPTION_LISTS:
            _OPTIONS.clear()
        _OPTIONS[tuple(key)] = found
    return found.html(lazy.value)
