import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AssuranceLevel


class DigidTestForm(forms.Form):
    """Any nine digits: the provider passes on what it is given, so that the portal's own
    check of the BSN (the elfproef) can be tried too."""

    bsn = forms.CharField(
        label=_("Burgerservicenummer (BSN)"),
        max_length=9,
        help_text=_("Negen cijfers. Kies een van de demo-inwoners hieronder of typ een BSN."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    loa = forms.ChoiceField(
        label=_("Betrouwbaarheidsniveau"),
        choices=AssuranceLevel.choices,
        initial=AssuranceLevel.SUBSTANTIEEL,
        widget=forms.RadioSelect,
    )

    def clean_bsn(self) -> str:
        value = self.cleaned_data["bsn"].strip()
        if not re.fullmatch(r"\d{9}", value):
            raise forms.ValidationError(_("Een BSN bestaat uit negen cijfers."))
        return value
