"""``DirectFormRenderer`` gives exactly the HTML of the templates it stands in for."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe

from wijkteam.cases.forms import DateInput
from wijkteam.core import direct_render
from wijkteam.core.direct_render import DIRECT, DIRECT_RENDERER, DirectFormRenderer
from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.core.renderers import WijkteamFormRenderer

TEMPLATES = WijkteamFormRenderer()
GROUPED = [
    ("", "---------"),
    ("Wonen", [("w1", "Huishouden & schoonmaak"), ("w2", 'Begeleiding "thuis"')]),
    ("Jeugd", [("j1", "<b>Jeugdhulp</b>")]),
    ("x", "Overig"),
]


class KitchenSink(IdempotentFormMixin, forms.Form):
    name = forms.CharField(label="Naam & toenaam", max_length=20, help_text="Zoals in de BRP.")
    nickname = forms.CharField(label="Roepnaam", required=False)
    count = forms.IntegerField(label="Aantal", min_value=0, help_text=mark_safe("<em>heel</em>"))
    amount = forms.DecimalField(label="Bedrag", max_digits=9, decimal_places=2, required=False)
    day = forms.DateField(label="Dag", widget=DateInput())
    plain_day = forms.DateField(label="Dag (tekst)", required=False)
    moment = forms.DateTimeField(label="Moment", required=False)
    email = forms.EmailField(label="E-mail", required=False)
    secret = forms.CharField(label="Geheim", widget=forms.PasswordInput, required=False)
    kind = forms.ChoiceField(label="Soort", choices=GROUPED)
    kinds = forms.MultipleChoiceField(label="Soorten", choices=GROUPED[1:], required=False)
    outcome = forms.ChoiceField(
        label="Besluit",
        choices=[("ja", "Ja"), ("nee", "Nee <niet>")],
        widget=forms.RadioSelect,
        help_text="Kies één.",
    )
    grouped_radio = forms.ChoiceField(
        label="Gegroepeerd", choices=GROUPED[1:3], widget=forms.RadioSelect, required=False
    )
    boxes = forms.MultipleChoiceField(
        label="Vakjes",
        choices=[("a", "A"), ("b", "B & C")],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    agree = forms.BooleanField(label="Akkoord", required=False, help_text="Alleen als het klopt.")
    must = forms.BooleanField(label="Verplicht vinkje")
    note = forms.CharField(
        label="Notitie", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    number = forms.TypedChoiceField(
        label="Getal", choices=[(1, "één"), (2, "twee")], coerce=int, required=False
    )
    flag = forms.NullBooleanField(label="Ja/nee/onbekend", required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("nickname") == "fout":
            raise forms.ValidationError(["Eerste <fout>.", "Tweede fout."])
        return data


GOOD = {
    "name": 'Jan <de> "Vries"',
    "count": "3",
    "amount": "12.50",
    "day": "2026-12-07",
    "kind": "w2",
    "kinds": ["w1", "j1"],
    "outcome": "nee",
    "boxes": ["b"],
    "agree": "on",
    "must": "on",
    "note": "Regel 1\n<script>alert(1)</script> & meer",
    "version": "7",
    "number": "2",
    "flag": "true",
    "moment": "2026-12-07 10:30",
}


def _both(form_class: type[forms.Form], *args: Any, **kwargs: Any) -> tuple[Any, Any]:
    return form_class(*args, renderer=DIRECT_RENDERER, **kwargs), form_class(
        *args, renderer=TEMPLATES, **kwargs
    )


def _same_everywhere(direct: forms.Form, engine: forms.Form) -> None:
    """The whole form, each field group, each widget and each choice widget are identical."""
    assert str(direct) == str(engine)
    for name in direct.fields:
        a, b = direct[name], engine[name]
        assert a.as_field_group() == b.as_field_group(), name
        assert str(a) == str(b), name
        for choice_a, choice_b in zip(a, b, strict=True):
            assert choice_a.tag() == choice_b.tag(), name
            assert str(choice_a) == str(choice_b), name  # the label wrapped around the input


@pytest.mark.parametrize(
    "data",
    [
        None,
        GOOD,
        {**GOOD, "nickname": "fout"},
        {"name": "x" * 30, "count": "-1", "day": "morgen", "kind": "zz", "outcome": "misschien"},
        {},
    ],
    ids=["unbound", "valid", "non-field-errors", "field-errors", "empty-post"],
)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_kitchen_sink_renders_the_same(data: Any, language: str) -> None:
    initial: dict[str, Any] = {
        "day": datetime.date(2026, 1, 2),
        "amount": Decimal("1.50"),
        "kind": "j1",
    }
    with translation.override(language):
        direct, engine = _both(KitchenSink, data, initial=dict(initial), auto_id="id_%s")
        if data is not None:
            direct.is_valid()
            engine.is_valid()
        # the idempotency key is a new uuid per form: give both the same
        direct.initial["idempotency_key"] = engine.initial["idempotency_key"] = "k" * 32
        _same_everywhere(direct, engine)


def test_added_errors_prefixes_and_no_auto_id() -> None:
    for kwargs in ({"prefix": "p"}, {"auto_id": False}, {"auto_id": "veld-%s"}):
        direct, engine = _both(KitchenSink, {**GOOD, "count": "x"}, **kwargs)
        for form in (direct, engine):
            form.is_valid()
            form.add_error(None, mark_safe("Een <em>veilige</em> fout."))
            form.add_error("name", "Nog een fout & zo.")
            form.initial["idempotency_key"] = "k" * 32
        _same_everywhere(direct, engine)


def test_every_template_it_stands_for_is_the_known_source() -> None:
    """A Django upgrade or a project override that changes a template fails here (and the
    renderer falls back to the engine for it)."""
    renderer = DirectFormRenderer()
    assert all(renderer.direct(name) is not None for name in DIRECT)


def test_a_changed_template_goes_back_to_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(direct_render.SOURCES, direct_render.FIELD, "0" * 64)
    renderer = DirectFormRenderer()
    assert renderer.direct(direct_render.FIELD) is None
    assert renderer.direct(direct_render.FORM) is not None
    a, b = KitchenSink(GOOD, renderer=renderer), KitchenSink(GOOD, renderer=TEMPLATES)
    a.initial["idempotency_key"] = b.initial["idempotency_key"] = "k"
    assert str(a) == str(b)


def test_other_templates_go_to_the_engine() -> None:
    class Odd(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    class Other(forms.Form):
        choice = forms.ChoiceField(choices=[("a", "A")], widget=Odd)
        files = forms.FileField(required=False)
        split = forms.SplitDateTimeField(required=False)
        when = forms.DateField(widget=forms.SelectDateWidget, required=False)

    direct, engine = _both(Other, {"choice": "a"})
    _same_everywhere(direct, engine)
    assert DIRECT_RENDERER.direct("django/forms/widgets/clearable_file_input.html") is None
    assert DIRECT_RENDERER.direct("django/forms/widgets/multiple_input.html") is None


def test_only_unknown_templates_reach_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    engine_names: list[str] = []
    original = WijkteamFormRenderer.render

    def counting(self: Any, template_name: str, context: Any, request: Any = None) -> str:
        engine_names.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(WijkteamFormRenderer, "render", counting)
    form = KitchenSink({**GOOD, "count": "x"}, renderer=DirectFormRenderer())
    form.is_valid()
    assert "<select" in str(form)
    assert engine_names == []  # every template of these fields is written out
