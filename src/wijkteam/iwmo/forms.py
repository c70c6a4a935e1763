"""Forms of the iwmo screens; the services validate again."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.constants import Frequency, Unit
from wijkteam.cases.forms import DateInput
from wijkteam.cases.models import Allocation, Case
from wijkteam.cases.services.intervention import provider_choices
from wijkteam.organisation.constants import ProductCategory
from wijkteam.organisation.models import Organisation

from .constants import Direction, MessageStatus, RefusalReason


class LogFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Alle")), *MessageStatus.choices], required=False
    )
    richting = forms.ChoiceField(
        label=_("Richting"), choices=[("", _("Beide")), *Direction.choices], required=False
    )


class AllocationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.allocation_number}: {obj.get_product_category_display()}, "
            f"{obj.volume.normalize():f} {obj.get_unit_display()} {obj.get_frequency_display()}"
        )


class AllocateForm(forms.Form):
    allocation = AllocationChoiceField(
        label=_("Toewijzing"), queryset=Allocation.objects.none(), required=False
    )

    def __init__(self, *args: Any, allocations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["allocation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = allocations


class RefuseForm(forms.Form):
    reason_code = forms.ChoiceField(
        label=_("Reden van de afwijzing"),
        choices=RefusalReason.choices,
        help_text=_("De aanbieder krijgt deze reden in het antwoordbericht (319)."),
    )
    reason = forms.CharField(
        label=_("Toelichting"),
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Voor het dossier; de aanbieder krijgt alleen de reden uit de lijst."),
    )


class DeployForm(forms.Form):
    provider = forms.ModelChoiceField(label=_("Aanbieder"), queryset=Organisation.objects.none())
    product_category = forms.ChoiceField(
        label=_("Productcategorie"), choices=ProductCategory.choices
    )
    volume = forms.DecimalField(label=_("Omvang"), max_digits=9, decimal_places=2)
    unit = forms.ChoiceField(label=_("Eenheid"), choices=Unit.choices)
    frequency = forms.ChoiceField(label=_("Frequentie"), choices=Frequency.choices)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(label=_("Einde"), widget=DateInput())
    reason = forms.CharField(
        label=_("Waarom is de specialist nu nodig?"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["provider"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = provider_choices(case)


class StopForm(forms.Form):
    stopped_on = forms.DateField(label=_("Gestopt op"), widget=DateInput())
    reason = forms.CharField(label=_("Reden van stoppen"), max_length=250)


class EscalationAnswerForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Uw besluit"),
        choices=[("inzetten", _("Specialist inzetten")), ("afwijzen", _("Niet inzetten"))],
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(label=_("Toelichting"), widget=forms.Textarea(attrs={"rows": 3}))
