"""``core.choices``: the same label as Django's ``get_<field>_display`` for every value."""

import pytest
from django.db import models
from django.utils import translation

from wijkteam.cases.models import Decision
from wijkteam.core import choices

FIELDS = ["law", "product_category", "unit", "frequency", "status", "outcome", "legal_basis"]


def _django(obj: models.Model, name: str) -> str:
    """Django's own ``get_<name>_display`` (``Model._get_FIELD_display``)."""
    return obj._get_FIELD_display(obj._meta.get_field(name))  # type: ignore[attr-defined]


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("name", FIELDS)
def test_every_value_and_odd_ones_as_django(name: str, language: str) -> None:
    field = Decision._meta.get_field(name)
    values = [value for value, _label in field.flatchoices]  # type: ignore[union-attr]
    assert values, name
    decision = Decision()
    with translation.override(language):
        for value in [*values, "", "onbekend", "<&'>", None]:
            setattr(decision, name, value)
            ours = getattr(decision, f"get_{name}_display")()
            assert ours == _django(decision, name), (name, value)
            assert type(ours) is type(_django(decision, name))
            assert ours == choices.display(decision, name)


def test_the_language_of_the_call_counts_not_of_the_first_call() -> None:
    decision = Decision(status="aangevraagd")
    choices.clear()
    with translation.override("nl"):
        dutch = decision.get_status_display()
    with translation.override("en"):
        english = decision.get_status_display()
        assert english == _django(decision, "status")
    with translation.override("nl"):
        assert decision.get_status_display() == dutch == _django(decision, "status")


def test_every_choice_field_of_decision_has_its_own_display() -> None:
    """A choice field added to Decision without an override would still work (Django's), but
    this list is what the tab reads: keep them together."""
    with_choices = [f.name for f in Decision._meta.concrete_fields if f.choices]
    assert sorted(with_choices) == sorted(FIELDS)
    for name in FIELDS:
        assert f"get_{name}_display" in Decision.__dict__
