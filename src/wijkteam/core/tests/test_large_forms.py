"""``cheap_field_copies`` (core/large_forms.py, issue 17): a form's fields copied per form as
Django's ``copy.deepcopy`` copies them, and nothing mutable shared between two forms."""

import copy
from typing import Any

import pytest
from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.forms import DateInput
from wijkteam.cases.forms_plan import NO_GOAL, ActionForm, GoalForm, PlanForm, prepare
from wijkteam.core.direct_options import Select
from wijkteam.core.large_forms import _copyable, _FieldCopies, cheap_field_copies


def _state(obj: Any) -> dict[str, Any]:
    return {k: v for k, v in vars(obj).items() if k != "widget"}


def _same_copy(ours: forms.Field, django: forms.Field) -> None:
    """``ours`` equals Django's deep copy, attribute by attribute, widget too."""
    assert type(ours) is type(django)
    assert _state(ours) == _state(django)
    assert type(ours.widget) is type(django.widget)
    assert vars(ours.widget) == vars(django.widget)


def _nothing_shared(a: forms.Field, b: forms.Field) -> None:
    """The mutable parts of two copies are distinct objects."""
    assert a is not b
    assert a.widget is not b.widget
    assert a.widget.attrs is not b.widget.attrs
    assert a.error_messages is not b.error_messages
    assert a.validators is not b.validators
    if "_choices" in vars(a):
        assert a._choices is not b._choices  # type: ignore[attr-defined]
        assert a.widget._choices is not b.widget._choices  # type: ignore[attr-defined]


@cheap_field_copies
class Sample(forms.Form):
    name = forms.CharField(max_length=20, widget=forms.TextInput(attrs={"size": 5}))
    kind = forms.ChoiceField(choices=[("a", _("Een")), ("b", "Twee")], widget=Select)
    number = forms.TypedChoiceField(choices=[(1, "1")], coerce=int, empty_value=None)
    grouped = forms.ChoiceField(choices=[("Groep", [("x", "X")])])
    on = forms.DateField(widget=DateInput())
    multi = forms.SplitDateTimeField()
    model = forms.ModelChoiceField(queryset=None)  # type: ignore[arg-type]


def test_which_fields_are_copied_directly() -> None:
    fields = Sample.base_fields
    assert isinstance(fields, _FieldCopies)
    assert fields.direct == {"name", "kind", "number", "on"}
    # a group of choices, a field of fields, a queryset: Django's deepcopy as before
    assert not _copyable(fields["grouped"])
    assert not _copyable(fields["multi"])
    assert not _copyable(fields["model"])


@pytest.mark.parametrize("form_class", [Sample, PlanForm, GoalForm, ActionForm])
def test_copies_are_what_deepcopy_makes(form_class: type[forms.Form]) -> None:
    ours = copy.deepcopy(form_class.base_fields)
    django = {name: copy.deepcopy(field) for name, field in form_class.base_fields.items()}
    assert type(ours) is dict
    if form_class is not Sample:  # every field of the plan's forms is copied directly
        assert form_class.base_fields.direct == set(form_class.base_fields)  # type: ignore[attr-defined]
    assert list(ours) == list(django)
    for name in ours:
        if name in form_class.base_fields.direct:  # type: ignore[attr-defined]
            _same_copy(ours[name], django[name])
        _nothing_shared(ours[name], form_class.base_fields[name])


def test_two_forms_share_nothing_mutable() -> None:
    a, b = Sample(), Sample()
    for name in Sample.base_fields:
        _nothing_shared(a.fields[name], b.fields[name])
    a.fields["name"].widget.attrs["size"] = 9
    a.fields["name"].error_messages["required"] = "x"
    a.fields["name"].validators.append(lambda v: None)
    a.fields["kind"].choices = [("c", "C")]
    assert b.fields["name"].widget.attrs == {"size": 5, "maxlength": "20"}
    assert b.fields["name"].error_messages["required"] != "x"
    assert len(b.fields["name"].validators) == len(Sample.base_fields["name"].validators)
    assert list(b.fields["kind"].choices) == [("a", "Een"), ("b", "Twee")]
    assert list(b.fields["kind"].widget.choices) == [("a", "Een"), ("b", "Twee")]
    assert list(Sample.base_fields["kind"].choices) == [("a", "Een"), ("b", "Twee")]


def test_plan_rows_share_nothing_mutable_between_rows() -> None:
    kwargs = {
        "goal_choices": prepare([("0", "Doel 1")], NO_GOAL),
        "member_choices": [],
        "provider_choices": [],
    }
    one, two = ActionForm(**kwargs), ActionForm(**kwargs)  # type: ignore[arg-type]
    for name in ActionForm.base_fields:
        assert one.fields[name] is not two.fields[name]
        assert one.fields[name].widget is not two.fields[name].widget
        assert one.fields[name].widget.attrs is not two.fields[name].widget.attrs
    one.fields["status"].widget.attrs["data-x"] = "1"
    assert "data-x" not in two.fields["status"].widget.attrs
    assert "data-x" not in ActionForm.base_fields["status"].widget.attrs


def test_bound_rows_validate_as_before() -> None:
    form = GoalForm(
        {"text": "Weer zelf boodschappen doen", "status": "bereikt", "domain": ""},
        domain_choices=[("wonen", "Wonen")],
    )
    assert form.is_valid(), form.errors
    bad = GoalForm({"status": "onbekend", "domain": "elders"}, domain_choices=[])
    assert not bad.is_valid()
    assert set(bad.errors) == {"status", "domain"}
