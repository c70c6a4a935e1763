"""``DirectFormRenderer`` writes the same HTML as the templates it replaces (issue 17).

Every field below is rendered as a field group (``as_field_group``) and as its widget alone
(``str(field)``), unbound, bound with valid data and bound with errors, once through the
Python writers and once through the templates (``direct = False``), and compared as text.
"""

import datetime

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from wijkteam.core import form_html
from wijkteam.core.form_html import DirectFormRenderer

RENDERER = DirectFormRenderer()


class Everything(forms.Form):
    default_renderer = RENDERER

    hidden = forms.IntegerField(widget=forms.HiddenInput, required=False)
    name = forms.CharField(label="Naam & <toenaam>", max_length=20, help_text='"Zo" <b>')
    optional = forms.CharField(required=False, label=gettext_lazy("Actie"))
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)
    required_text = forms.CharField(widget=forms.Textarea)
    day = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    count = forms.IntegerField(required=False, min_value=1)
    mail = forms.EmailField(required=False)
    agree = forms.BooleanField(required=False, label="Akkoord", help_text="Vink aan")
    must = forms.BooleanField(label="Verplicht vinkje")
    choice = forms.ChoiceField(
        choices=[("", "— kies —"), ("a", "A & B"), ("b", mark_safe("<i>B</i>")), (3, 3)],
        required=False,
        help_text="Kies",
    )
    typed = forms.TypedChoiceField(
        choices=[("", "—"), ("1", "een"), ("2", "twee")], coerce=int, empty_value=None
    )
    grouped = forms.ChoiceField(
        choices=[("", "—"), ("Groep <1>", [("x", "X"), ("y", "Y")]), ("z", "Z")],
        required=False,
    )
    many = forms.MultipleChoiceField(choices=[("p", "P"), ("q", "Q")], required=False)
    radio = forms.ChoiceField(
        choices=[("r", "R"), ("s", "S")], widget=forms.RadioSelect, required=False
    )
    boxes = forms.MultipleChoiceField(
        choices=[("t", "T"), ("u", "U")], widget=forms.CheckboxSelectMultiple, required=False
    )


VALID = {
    "hidden": "7",
    "name": 'Jan "de" <Vries> & zn',
    "optional": "",
    "text": "regel 1\nregel <2> & 'drie'",
    "required_text": "  ",
    "day": "2026-03-01",
    "count": "3",
    "mail": "a@b.nl",
    "agree": "on",
    "must": "on",
    "choice": "a",
    "typed": "2",
    "grouped": "y",
    "many": ["p", "q"],
    "radio": "s",
    "boxes": ["u"],
}
INVALID = {
    "hidden": "x",
    "name": "x" * 30,
    "text": "",
    "day": "2026-13-01",
    "count": "0",
    "mail": "geen adres",
    "choice": "onbekend",
    "typed": "9",
    "grouped": "w",
    "many": ["p", "nee"],
}
INITIAL = {"day": datetime.date(2026, 1, 2), "choice": 3, "name": mark_safe("<b>veilig</b>")}


def _render(form: forms.Form) -> list[str]:
    out = []
    for field in form:
        out.append(str(field.as_field_group()))
        out.append(str(field))
    out.extend(str(h) for h in form.hidden_fields())
    return out


@pytest.mark.parametrize(
    "make",
    [
        lambda: Everything(),
        lambda: Everything(initial=INITIAL),
        lambda: Everything(VALID),
        lambda: Everything(INVALID),
        lambda: Everything({}),
        lambda: Everything(VALID, prefix="goals-3", auto_id=False),
    ],
    ids=["unbound", "initial", "valid", "invalid", "empty", "prefix-no-id"],
)
def test_the_same_html_as_the_templates(make, monkeypatch):
    form = make()
    now = _render(form)
    monkeypatch.setattr(DirectFormRenderer, "direct", False)
    before = _render(make())
    assert len(now) == len(before)
    for a, b in zip(now, before, strict=True):
        assert a == b


def test_the_writers_are_used_and_radio_lists_fall_back(monkeypatch):
    used: list[str] = []
    real = dict(form_html._WRITERS)

    def spy(name):
        def write(context):
            used.append(name)
            return real[name](context)

        return write

    monkeypatch.setattr(form_html, "_WRITERS", {k: spy(k) for k in real})
    form = Everything(VALID)
    form.is_valid()
    html = "".join(_render(form))
    assert "django/forms/widgets/select.html" in used
    assert "django/forms/widgets/textarea.html" in used
    assert "django/forms/widgets/hidden.html" in used
    assert "django/forms/widgets/checkbox.html" in used
    assert used.count("core/forms/field.html") == len(form.fields)
    assert 'type="radio"' in html and 'type="checkbox" name="boxes"' in html
