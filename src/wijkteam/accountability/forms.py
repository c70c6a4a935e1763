from django import forms
from django.utils.translation import gettext_lazy as _

from .constants import PeriodKind
from .suppression import DEFAULT_THRESHOLD, MIN_THRESHOLD


class OverviewForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    period_kind = forms.ChoiceField(label=_("Soort periode"), choices=PeriodKind.choices)
    period_month = forms.CharField(
        label=_("Vanaf maand (jjjj-mm)"),
        max_length=7,
        help_text=_("Bij een kwartaal of jaar telt het kwartaal of jaar van deze maand."),
    )
    threshold = forms.IntegerField(
        label=_("Drempel voor kleine aantallen"),
        initial=DEFAULT_THRESHOLD,
        min_value=MIN_THRESHOLD,
        max_value=100,
        help_text=_("Aantallen onder de drempel worden afgeschermd. Ten minste 5, gewoonlijk 10."),
        error_messages={"min_value": _("De drempel voor kleine aantallen is ten minste 5.")},
    )
    explanation = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Leg in gewone taal uit wat de cijfers laten zien. Noem geen personen."),
    )
