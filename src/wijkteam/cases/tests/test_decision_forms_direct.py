"""The aanvraag and besluit forms' selects from the option cache are Django's (``h-dec5``).

``forms_decision`` gives its choice lists ``core.direct_options.Select`` (the ``<option>``
lines written once per language and list of choices) and ``ListChoiceField`` (the choices not
deep-copied per form). Reference: the same form with Django's ``forms.Select`` rendered by the
templates (``WijkteamFormRenderer``), and the aanvraag's residents read by Django's own
``ModelChoiceIterator`` from the queryset instead of the compiled statement: unbound with its initial values, bound and valid, bound
with errors and awkward values, in Dutch and English; identical (the idempotency key masked).
"""

import copy
import re
from typing import Any

import pytest
from django import forms
from django.utils import translation

from wijkteam.cases.forms_decision import (
    DecideForm,
    DecisionRequestForm,
    HouseholdMemberField,
    ListChoiceField,
)
from wijkteam.core import direct_options
from wijkteam.core.renderers import WijkteamFormRenderer
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.testing.factories import ResidentFactory

from .test_decision_fixtures import build_world

pytestmark = pytest.mark.django_db
KEY = re.compile(r'name="idempotency_key" value="[^"]*"')

REQUEST_DATA: list[dict[str, Any] | None] = [
    None,
    {
        "law": "wmo",
        "product_category": "02",
        "volume": "3",
        "unit": "04",
        "frequency": "2",
        "starts_on": "2026-12-07",
        "ends_on": "2027-06-07",
        "requested_on": "2026-12-07",
    },
    {"law": "<&>", "product_category": "99", "unit": "'", "frequency": "", "volume": "-1"},
]
DECIDE_DATA: list[dict[str, Any] | None] = [
    None,
    {"outcome": "toegekend", "motivation": "Ja.", "legal_basis": "wmo_2_3_5"},
    {"outcome": "x", "legal_basis": "<b>", "granted_volume": "a"},
]


def _reference(form: forms.Form) -> forms.Form:
    """The form with Django's own ``forms.Select`` and the template renderer."""
    form.renderer = WijkteamFormRenderer()
    for field in form.fields.values():
        if isinstance(field, HouseholdMemberField):
            assert field.members_of is not None
            field.members_of = None  # Django's iteration of the queryset
        if isinstance(field.widget, direct_options.Select):
            widget = copy.copy(field.widget)
            widget.__class__ = forms.Select
            field.widget = widget
    return form


def _html(form: forms.Form) -> str:
    return KEY.sub('name="idempotency_key" value="…"', str(form))


def _same(build: Any) -> None:
    direct_options._OPTIONS.clear()
    for _round in range(2):  # the second time from the cache
        form = build()
        assert any(isinstance(f.widget, direct_options.Select) for f in form.fields.values())
        if form.is_bound:
            form.is_valid()
        reference = _reference(build())
        if reference.is_bound:
            reference.is_valid()
        assert _html(form) == _html(reference)


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("data", range(len(REQUEST_DATA)))
def test_the_aanvraag_form_is_djangos(language, data, django_assert_num_queries):
    case = build_world().case
    for first, last in [("Bo", "de Vries"), ("Al", "De Vries"), ("Ünal", "Öztürk"), ("é", "<&>")]:
        ResidentFactory(
            household=case.household,
            first_name=first,
            last_name=last,
            household_relation=HouseholdRelation.KIND,
        )
    with django_assert_num_queries(1):  # the residents: still one statement
        str(DecisionRequestForm(None, case=case))
    with translation.override(language):
        _same(lambda: DecisionRequestForm(REQUEST_DATA[data], case=case))


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("data", range(len(DECIDE_DATA)))
def test_the_besluit_form_is_djangos(language, data):
    with translation.override(language):
        _same(lambda: DecideForm(DECIDE_DATA[data]))


def test_each_form_has_its_own_list_of_the_same_choices():
    first, second = DecideForm(), DecideForm()
    for name in ("outcome", "legal_basis"):
        field = DecideForm.base_fields[name]
        assert isinstance(field, ListChoiceField)
        one, two = first.fields[name], second.fields[name]
        assert one.choices == two.choices == field.choices
        assert one.choices is not two.choices and one.choices is not field.choices
        one.choices.append(("extra", "Extra"))  # type: ignore[attr-defined]
        assert ("extra", "Extra") not in two.choices and ("extra", "Extra") not in field.choices
        assert one.widget is not two.widget and one.widget.choices is not two.widget.choices


def test_other_choices_are_copied_as_django_does():
    field = ListChoiceField(choices=lambda: [("a", "A")])
    copied = copy.deepcopy(field)
    assert list(copied.choices) == [("a", "A")] and copied is not field
