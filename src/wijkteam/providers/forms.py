from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.constants import ProductCategory
from wijkteam.organisation.models import Organisation

from .policies import PROVIDER_KINDS


class ContractedProductForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Aanbieder"), queryset=Organisation.objects.none())
    product_category = forms.ChoiceField(
        label=_("Productcategorie"), choices=ProductCategory.choices
    )
    product_code = forms.CharField(
        label=_("Productcode"),
        max_length=5,
        required=False,
        help_text=_("Lokale productcode van vijf tekens. Leeg laten: de hele categorie."),
    )
    description = forms.CharField(label=_("Omschrijving"), max_length=150)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(kind__in=PROVIDER_KINDS).order_by("name")
