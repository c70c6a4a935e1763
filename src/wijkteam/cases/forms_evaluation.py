"""Forms of the evaluation screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import EvaluationOutcome
from .forms import DateInput


class EvaluationPlanForm(forms.Form):
    planned_on = forms.DateField(
        label=_("Evaluatie gepland op"),
        widget=DateInput(),
        help_text=_("Vandaag of later. Spreek de datum af met de inwoner."),
    )


class EvaluationRecordForm(forms.Form):
    held_on = forms.DateField(label=_("Gehouden op"), widget=DateInput())
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=EvaluationOutcome.choices, widget=forms.RadioSelect
    )
    notes = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat is bereikt, wat de inwoner ervan vindt, en waarom deze uitkomst."),
    )
