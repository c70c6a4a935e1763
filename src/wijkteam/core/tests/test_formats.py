"""The project's date input formats (``wijkteam.core.formats``, issue 17): the ISO date first in
Dutch and English, every format a user can type still accepted, and no string read as another
date than with Django's own order."""

import datetime
import itertools

import pytest
from django import forms
from django.conf.locale.en import formats as django_en
from django.conf.locale.nl import formats as django_nl
from django.core.exceptions import ValidationError
from django.utils import formats, translation

from wijkteam.cases.forms import DateInput

D = datetime.date(2009, 1, 20)

DUTCH_TYPED = ["20-01-2009", "20-1-2009", "20-01-09", "20/01/2009", "20/1/09", "2009/01/20"]
ENGLISH_TYPED = ["01/20/2009", "1/20/09", "Jan 20 2009", "Jan 20, 2009", "20 January 2009"]
ISO = ["2009-01-20", "2009-1-20", " 2009-01-20 "]


def _django_order(module: object) -> list[str]:
    """The list Django used before: the locale's own, ISO appended when missing (get_format)."""
    own = list(module.DATE_INPUT_FORMATS)  # type: ignore[attr-defined]
    return own if "%Y-%m-%d" in own else [*own, "%Y-%m-%d"]


def _parse(value: str, order: list[str]) -> datetime.date | None:
    for f in order:
        try:
            return datetime.datetime.strptime(value.strip(), f).date()
        except ValueError:
            continue
    return None


@pytest.mark.parametrize("language, module", [("nl", django_nl), ("en", django_en)])
def test_iso_first_and_nothing_lost(language: str, module: object) -> None:
    with translation.override(language):
        ours = list(formats.get_format("DATE_INPUT_FORMATS"))
    assert ours[0] == "%Y-%m-%d"
    assert ours.count("%Y-%m-%d") == 1
    assert sorted(ours) == sorted(_django_order(module))
    # the locale's own formats keep their order after ISO
    assert ours[1:] == [f for f in _django_order(module) if f != "%Y-%m-%d"]


@pytest.mark.parametrize(
    "language, typed", [("nl", DUTCH_TYPED + ISO), ("en", ENGLISH_TYPED + ISO)]
)
def test_typed_and_iso_dates_parse(language: str, typed: list[str]) -> None:
    field = forms.DateField(widget=DateInput())
    with translation.override(language):
        for value in typed:
            assert field.clean(value) == D, value
        with pytest.raises(ValidationError):
            field.clean("20-13-2009")
        with pytest.raises(ValidationError):
            field.clean("morgen")


@pytest.mark.parametrize("language, module", [("nl", django_nl), ("en", django_en)])
def test_no_string_changes_meaning(language: str, module: object) -> None:
    """Every short string of digits and separators is read as the same date (or refused) with
    ISO first as with Django's order: the formats accept disjoint sets of strings."""
    with translation.override(language):
        ours = list(formats.get_format("DATE_INPUT_FORMATS"))
    old = _django_order(module)
    parts = ["1", "01", "09", "12", "20", "31", "009", "2009", "0009", "99"]
    checked = 0
    for a, b, c in itertools.product(parts, repeat=3):
        for sep in "-/":
            value = f"{a}{sep}{b}{sep}{c}"
            assert _parse(value, ours) == _parse(value, old), value
            checked += 1
    assert checked == 2 * len(parts) ** 3


def test_date_widget_still_writes_iso_in_both_languages() -> None:
    field = forms.DateField(widget=DateInput())
    for language in ("nl", "en"):
        with translation.override(language):
            html = field.widget.render("d", D)
        assert 'type="date"' in html and 'value="2009-01-20"' in html
