"""A deliberately larger field limit for the few forms that need it (the plan form).

Django refuses a POST with more than ``DATA_UPLOAD_MAX_NUMBER_FIELDS`` (1000) fields, a guard
against hash-collision and memory attacks that stays on for every other page. A view that
posts more at its documented maximum (the plan: 100 goals and 200 actions, some 2,700
fields) declares its own limit with :func:`allow_many_fields`; this middleware, placed before
anything reads ``request.POST``, parses such a form with that limit. Only url-encoded forms:
a multipart upload keeps Django's limit.

The same forms build tens of rows per request: :func:`cheap_field_copies` gives a row form's
class a copy of its fields per form that is what Django's ``copy.deepcopy`` makes, without its
generic machinery.
"""

import copy
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from django import forms
from django.core.exceptions import TooManyFieldsSent
from django.forms.widgets import ChoiceWidget
from django.http import HttpRequest, HttpResponse, QueryDict
from django.urls import Resolver404, resolve
from django.utils.datastructures import MultiValueDict
from django.utils.functional import Promise

ATTRIBUTE = "max_number_fields"


def allow_many_fields[F: Callable[..., Any]](limit: int) -> Callable[[F], F]:
    """Decorate a view whose form may post up to ``limit`` fields."""

    def decorate(view: F) -> F:
        setattr(view, ATTRIBUTE, limit)
        return view

    return decorate


class LargeFormMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method == "POST" and (request.content_type or "").startswith(
            "application/x-www-form-urlencoded"
        ):
            limit = self._limit(request)
            if limit:
                request._post = self._parse(request, limit)  # type: ignore[attr-defined]
                request._files = MultiValueDict()  # type: ignore[attr-defined]
        return self.get_response(request)

    @staticmethod
    def _limit(request: HttpRequest) -> int | None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
        return getattr(match.func, ATTRIBUTE, None)

    @staticmethod
    def _parse(request: HttpRequest, limit: int) -> QueryDict:
        encoding = request.encoding or "utf-8"
        try:
            pairs = parse_qsl(
                request.body.decode(encoding, errors="replace"),
                keep_blank_values=True,
                max_num_fields=limit,
            )
        except ValueError as exc:
            raise TooManyFieldsSent(
                "The number of GET/POST parameters exceeded the view's limit."
            ) from exc
        data = QueryDict(mutable=True, encoding=encoding)
        for key, value in pairs:
            data.appendlist(key, value)
        data._mutable = False
        return data


# --------------------------------------------------------------------------------------------
# Cheap copies of a row form's fields (issue 17, h-plan5)
# --------------------------------------------------------------------------------------------

_ATOMS = (str, int, bool, type(None), Promise)


def _plainly_copied(kind: Any) -> bool:
    """Whether ``copy.copy`` of an instance of ``kind`` is "a new object with the same
    ``__dict__``": no ``__slots__``, ``__copy__``, ``__reduce__``/``__reduce_ex__`` or
    ``__getstate__``/``__setstate__`` of its own."""
    return (
        all("__slots__" not in vars(k) for k in kind.__mro__[:-1])
        and getattr(kind, "__copy__", None) is None
        and getattr(kind, "__setstate__", None) is None
        and kind.__reduce_ex__ is object.__reduce_ex__
        and kind.__reduce__ is object.__reduce__
        and kind.__getstate__ is object.__getstate__
    )


def _flat(choices: Any) -> bool:
    """A normalised list of ``(value, label)`` pairs of immutable atoms (no groups)."""
    return type(choices) is list and all(
        type(c) is tuple and len(c) == 2 and isinstance(c[0], _ATOMS) and isinstance(c[1], _ATOMS)
        for c in choices
    )


def _copyable(field: forms.Field) -> bool:
    """Whether :func:`_copy_field` makes exactly what Django's ``copy.deepcopy`` of ``field``
    makes: only the ``__deepcopy__`` of ``Field``/``ChoiceField`` and of ``Widget``/
    ``ChoiceWidget``, plain instances, and (for choices) a flat list of immutable pairs."""
    widget: Any = field.widget
    field_kind: Any = type(field)
    widget_kind: Any = type(widget)
    choice_field = vars(forms.ChoiceField)["__deepcopy__"]
    choice_widget = vars(ChoiceWidget)["__deepcopy__"]
    field_copy = field_kind.__deepcopy__
    widget_copy = widget_kind.__deepcopy__
    if field_copy not in (vars(forms.Field)["__deepcopy__"], choice_field):
        return False
    if widget_copy not in (vars(forms.Widget)["__deepcopy__"], choice_widget):
        return False
    if not (_plainly_copied(field_kind) and _plainly_copied(widget_kind)):
        return False
    if field_copy is choice_field and not _flat(vars(field)["_choices"]):
        return False
    return widget_copy is not choice_widget or _flat(vars(widget)["_choices"])


def _new(obj: Any) -> Any:
    """``copy.copy(obj)`` for a plain instance (:func:`_plainly_copied`)."""
    new = object.__new__(type(obj))
    new.__dict__ = obj.__dict__.copy()
    return new


def _copy_field(field: forms.Field) -> forms.Field:
    """What ``copy.deepcopy(field)`` makes of a :func:`_copyable` field: a new field with its
    own widget, widget ``attrs``, ``error_messages``, ``validators`` and choice lists; the
    immutable parts (labels, pairs of choices, validator objects) shared as Django shares
    them."""
    new = _new(field)
    widget = field.widget
    new_widget = _new(widget)
    new_widget.attrs = widget.attrs.copy()
    if isinstance(widget, ChoiceWidget):
        new_widget._choices = list(widget._choices)  # type: ignore[attr-defined]
    new.widget = new_widget
    new.error_messages = field.error_messages.copy()
    new.validators = field.validators[:]
    if isinstance(field, forms.ChoiceField):
        new._choices = list(field._choices)  # type: ignore[attr-defined]
    return new


class _FieldCopies(dict[str, forms.Field]):
    """A form class's ``base_fields`` whose ``copy.deepcopy`` (what every ``BaseForm.__init__``
    does) copies each :func:`_copyable` field directly instead of through ``copy``'s generic
    machinery (memo, ``__reduce_ex__``, the choices normalised again by the widget's setter),
    and any other field with ``copy.deepcopy`` as before."""

    def __init__(self, fields: dict[str, forms.Field]) -> None:
        super().__init__(fields)
        self.direct = frozenset(name for name, field in fields.items() if _copyable(field))

    def __deepcopy__(self, memo: dict[int, Any]) -> dict[str, forms.Field]:
        direct = self.direct
        return {
            name: _copy_field(field) if name in direct else copy.deepcopy(field, memo)
            for name, field in self.items()
        }


def cheap_field_copies[T: type[forms.BaseForm]](form_class: T) -> T:
    """Class decorator for a form built many times per request (a formset's row): its fields
    are copied per form as Django's ``copy.deepcopy`` copies them (nothing mutable shared
    between two forms: ``core/tests/test_large_forms.py``), only cheaper. A subclass declares
    its fields again (Django's metaclass), so it needs the decorator itself."""
    kind: Any = form_class
    kind.base_fields = _FieldCopies(kind.base_fields)
    return form_class
