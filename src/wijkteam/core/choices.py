"""The labels of a model field's choices, the map built once per field (issue 17).

Django's ``get_<field>_display()`` builds ``dict(make_hashable(field.flatchoices))`` on every
call: in a list of a few dozen rows with four labels each that is most of what the row costs.
:func:`display` gives the same answer (the label, or the value itself when it is no choice,
lazy labels turned into text in the active language at the moment of the call) from a map
built once per model and field; the map holds the lazy labels, so a change of language
between calls is honoured. A model uses it by defining ``get_<field>_display`` itself (Django
then does not add its own): ``def get_law_display(self) -> str: return display(self, "law")``.
Proved equal to Django's own in ``core/tests/test_choices.py``.
"""

from collections.abc import Hashable
from typing import Any

from django.db import models
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

_MAPS: dict[tuple[type[models.Model], str], tuple[str, dict[Hashable, Any]]] = {}


def _entry(model: type[models.Model], name: str) -> tuple[str, dict[Hashable, Any]]:
    key = (model, name)
    found = _MAPS.get(key)
    if found is None:
        field = model._meta.get_field(name)
        labels = dict(make_hashable(field.flatchoices))  # type: ignore[union-attr]
        found = _MAPS[key] = (field.attname, labels)  # type: ignore[union-attr]
    return found


def label_map(model: type[models.Model], name: str) -> dict[Hashable, Any]:
    """``dict(make_hashable(field.flatchoices))`` of ``model``'s field ``name``, built once."""
    return _entry(model, name)[1]


def display(obj: models.Model, name: str) -> str:
    """What ``obj.get_<name>_display()`` of Django gives, from the map built once."""
    attname, labels = _entry(type(obj), name)
    value = getattr(obj, attname)
    label = labels.get(make_hashable(value), value)
    return force_str(label, strings_only=True)


def clear() -> None:
    """Forget the maps (tests that change a field's choices)."""
    _MAPS.clear()
