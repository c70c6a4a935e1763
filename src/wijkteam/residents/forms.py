from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.core.direct_render import DIRECT_RENDERER
from wijkteam.core.forms import VersionedFormMixin
from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.organisation.models import Neighbourhood

from .models import NetworkMember, Resident
from .validators import normalise_bsn, normalise_postcode

RESIDENT_FIELDS = [
    "first_name",
    "name_prefix",
    "last_name",
    "date_of_birth",
    "bsn",
    "household_relation",
    "street",
    "house_number",
    "postcode",
    "city",
    "neighbourhood",
    "phone",
    "email",
    "interpreter_language",
    "plain_language",
    "communication_notes",
]


class ResidentForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Resident
        fields = RESIDENT_FIELDS
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    postcode = forms.CharField(label=_("postcode"), max_length=7, required=False)
    bsn = forms.CharField(
        label=_("BSN"),
        max_length=11,
        required=False,
        help_text=_("Optioneel. Wordt gecontroleerd met de elfproef en afgeschermd getoond."),
    )

    def clean_postcode(self) -> str:
        return normalise_postcode(self.cleaned_data.get("postcode", ""))

    def clean_bsn(self) -> str:
        return normalise_bsn(self.cleaned_data.get("bsn", ""))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["neighbourhood"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Neighbourhood.objects.select_related("district")


class ResidentCreateForm(IdempotentFormMixin, ResidentForm):
    confirm_not_duplicate = forms.BooleanField(
        label=_("Ik heb gecontroleerd dat dit iemand anders is dan de gevonden inwoner(s)"),
        required=False,
    )
    household_name = forms.CharField(
        label=_("Naam van het huishouden"),
        max_length=150,
        required=False,
        help_text=_("Leeg: 'Huishouden' met de achternaam."),
    )


class SearchForm(forms.Form):
    # Written by core/direct_render.py: the HTML of the form templates (issue 17, h-tabs).
    default_renderer = DIRECT_RENDERER

    q = forms.CharField(label=_("Naam"), required=False, max_length=100)
    bsn = forms.CharField(label=_("BSN"), required=False, max_length=11)


class NetworkMemberForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = NetworkMember
        fields = [
            "name",
            "relation",
            "supports",
            "phone",
            "what_they_do",
            "load",
            "load_assessed_on",
        ]
        widgets = {"load_assessed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, household: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.household = household
        field = self.fields["supports"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Resident.objects.filter(household=household)
