"""Forms of the plan screen: the plan itself, a formset of goals and a formset of actions.

Every field is optional at form level: the service checks what a goal and an action need and
answers with the same Dutch messages for the screen and the API; the view puts them in the row.
"""

from typing import Any

from django import forms
from django.utils.choices import normalize_choices
from django.utils.translation import gettext_lazy as _

from wijkteam.core.direct_options import Select
from wijkteam.core.direct_render import DIRECT_RENDERER
from wijkteam.core.large_forms import cheap_field_copies

from .constants import GOAL_TEXT_MAX, ActionStatus, GoalStatus, OwnerKind
from .forms import DateInput

Choices = list[tuple[str, str]]
# The plan screen renders tens of rows with selects of many options: its fields and widgets are
# written in Python, with the same HTML as the templates (core/direct_render.py, issue 17); the
# options of its selects come from the renderer's cache (``Select``, h-plan2). Each row copies
# its fields directly (``cheap_field_copies``, h-plan5), not through ``copy.deepcopy``.
PLAN_RENDERER = DIRECT_RENDERER


def _to_int(value: str) -> int:
    return int(value)


NO_DOMAIN = _("— geen specifiek leefgebied —")
NO_GOAL = _("— geen specifiek doel —")
NO_MEMBER = _("— kies een teamlid —")
NO_PROVIDER = _("— kies een aanbieder —")
NO_SERVICE = _("— geen dienst van de sociale kaart —")


class Prepared:
    """A row select's choices with its empty option, normalised once for all rows of a formset
    (``prepare``); a row's field and widget share the list (neither changes it), instead of
    normalising the same list twice per row (``ChoiceField.choices`` and the widget's setter)."""

    __slots__ = ("choices", "empty")

    def __init__(self, choices: Choices, empty: Any) -> None:
        self.empty = empty
        self.choices = normalize_choices([("", empty), *choices])


def prepare(choices: Choices, empty: Any) -> Prepared:
    """``choices`` with the empty option ``empty`` (``NO_…``), for every row of a formset."""
    return Prepared(choices, empty)


def _set_choices(field: forms.Field, choices: "Choices | Prepared", empty: Any) -> None:
    """``field.choices = [("", empty), *choices]``; from a :class:`Prepared` without normalising
    again (the same list the setters would make, for the field and its widget)."""
    assert isinstance(field, forms.ChoiceField)
    if isinstance(choices, Prepared):
        assert choices.empty is empty, "prepared with another empty option"
        field._choices = field.widget._choices = choices.choices  # type: ignore[attr-defined]
    else:
        field.choices = [("", empty), *choices]


@cheap_field_copies
class PlanForm(forms.Form):
    default_renderer = PLAN_RENDERER
    discussed_on = forms.DateField(
        label=_("Besproken met de inwoner op"), required=False, widget=DateInput()
    )
    agreed_on = forms.DateField(
        label=_("Akkoord van de inwoner op"),
        required=False,
        widget=DateInput(),
        help_text=_("Leeg laten zolang de inwoner nog niet akkoord is."),
    )
    agreement_note = forms.CharField(
        label=_("Hoe is akkoord gegeven"),
        max_length=250,
        required=False,
        help_text=_("Bijvoorbeeld: mondeling aan de keukentafel, getekend, via het portaal."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)


@cheap_field_copies
class GoalForm(forms.Form):
    default_renderer = PLAN_RENDERER
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    domain = forms.ChoiceField(widget=Select, label=_("Leefgebied"), required=False, choices=())
    text = forms.CharField(
        label=_("Doel in de woorden van de inwoner"),
        required=False,
        max_length=GOAL_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    status = forms.ChoiceField(
        widget=Select,
        label=_("Status"),
        required=False,
        choices=GoalStatus.choices,
        initial=GoalStatus.OPEN,
    )

    def __init__(self, *args: Any, domain_choices: "Choices | Prepared", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _set_choices(self.fields["domain"], domain_choices, NO_DOMAIN)


@cheap_field_copies
class ActionForm(forms.Form):
    default_renderer = PLAN_RENDERER
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    description = forms.CharField(label=_("Actie"), max_length=250, required=False)
    goal = forms.TypedChoiceField(
        widget=Select,
        label=_("Hoort bij doel"),
        required=False,
        coerce=_to_int,
        empty_value=None,
        choices=(),
    )
    owner_kind = forms.ChoiceField(
        widget=Select,
        label=_("Wie voert de actie uit"),
        required=False,
        choices=[("", _("— kies —")), *OwnerKind.choices],
    )
    owner_name = forms.CharField(
        label=_("Naam"),
        max_length=150,
        required=False,
        help_text=_("Bij inwoner, netwerk of algemene voorziening: wie precies."),
    )
    owner_user = forms.TypedChoiceField(
        widget=Select,
        label=_("Teamlid"),
        required=False,
        coerce=_to_int,
        empty_value=None,
        choices=(),
        help_text=_("Bij team: een actief lid van het team van de casus."),
    )
    owner_organisation = forms.TypedChoiceField(
        widget=Select,
        label=_("Aanbieder"),
        required=False,
        coerce=_to_int,
        empty_value=None,
        choices=(),
        help_text=_("Bij aanbieder: een organisatie in de gemeente."),
    )
    service = forms.TypedChoiceField(
        widget=Select,
        label=_("Dienst van de sociale kaart"),
        required=False,
        coerce=_to_int,
        empty_value=None,
        choices=(),
        help_text=_("Algemeen voor maatwerk: kies de voorliggende voorziening die u inzet."),
    )
    due_on = forms.DateField(label=_("Uiterlijk op"), required=False, widget=DateInput())
    status = forms.ChoiceField(
        widget=Select,
        label=_("Status"),
        required=False,
        choices=ActionStatus.choices,
        initial=ActionStatus.OPEN,
    )

    def __init__(
        self,
        *args: Any,
        goal_choices: "Choices | Prepared",
        member_choices: "Choices | Prepared",
        provider_choices: "Choices | Prepared",
        service_choices: "Choices | Prepared" = (),  # type: ignore[assignment]
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        for name, choices, empty in (
            ("goal", goal_choices, NO_GOAL),
            ("owner_user", member_choices, NO_MEMBER),
            ("owner_organisation", provider_choices, NO_PROVIDER),
            ("service", service_choices, NO_SERVICE),
        ):
            _set_choices(self.fields[name], choices, empty)


class _RowFormSet(forms.BaseFormSet):
    delete_label: Any = _("Verwijderen")

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if forms.formsets.DELETION_FIELD_NAME in form.fields:
            form.fields[forms.formsets.DELETION_FIELD_NAME].label = self.delete_label


class BaseGoalFormSet(_RowFormSet):
    delete_label = _("Dit doel verwijderen")


class BaseActionFormSet(_RowFormSet):
    delete_label = _("Deze actie verwijderen")


MAX_GOALS = 100
MAX_ACTIONS = 200
GoalFormSet = forms.formset_factory(  # type: ignore[call-arg]  # renderer: not in the stubs
    GoalForm,
    formset=BaseGoalFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_GOALS,
    renderer=PLAN_RENDERER,
)
ActionFormSet = forms.formset_factory(  # type: ignore[call-arg]
    ActionForm,
    formset=BaseActionFormSet,
    extra=1,
    can_delete=True,
    max_num=MAX_ACTIONS,
    renderer=PLAN_RENDERER,
)
# The plan form at its maximum posts every field of every row (and its delete box), the two
# management forms and the plan's own fields: about 2,700, above Django's 1,000. Its view
# raises the limit for itself alone (core.large_forms).
PLAN_FORM_MAX_FIELDS = (
    MAX_GOALS * (len(GoalForm.base_fields) + 1)
    + MAX_ACTIONS * (len(ActionForm.base_fields) + 1)
    + 50
)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Nieuwe status"), choices=ActionStatus.choices)
    expected_plan_version = forms.IntegerField(widget=forms.HiddenInput)
