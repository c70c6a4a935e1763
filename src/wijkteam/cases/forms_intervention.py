"""Forms of the intervention stage, one per kind of intervention. The services validate again."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Organisation

from .constants import Frequency, ScaleChange, Unit
from .forms import DateInput
from .models import Case, Decision
from .services.intervention import allocatable_decisions, provider_choices


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.get_product_category_display()}: {obj.volume.normalize():f} "
            f"{obj.get_unit_display()} {obj.get_frequency_display()} "
            f"({obj.starts_on:%d-%m-%Y} – {obj.ends_on:%d-%m-%Y})"
        )


class InterventionForm(forms.Form):
    description = forms.CharField(label=_("Omschrijving"), max_length=250)
    starts_on = forms.DateField(label=_("Start"), widget=DateInput())
    ends_on = forms.DateField(label=_("Einde (gepland)"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case = case


class LightSupportForm(InterventionForm):
    delivered_by = forms.ModelChoiceField(label=_("Uitgevoerd door"), queryset=User.objects.none())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        field = self.fields["delivered_by"]
        assert isinstance(field, forms.ModelChoiceField)
        today = timezone.localdate()
        field.queryset = (
            User.objects.filter(
                Q(memberships__active_until__isnull=True) | Q(memberships__active_until__gte=today),
                memberships__team=case.team,
                memberships__active_from__lte=today,
                is_active=True,
            )
            .order_by("last_name", "first_name")
            .distinct()
        )


class GeneralProvisionForm(InterventionForm):
    provision_name = forms.CharField(label=_("Algemene voorziening"), max_length=150)


class AllocationForm(InterventionForm):
    decision = DecisionChoiceField(label=_("Besluit"), queryset=Decision.objects.none())
    provider = forms.ModelChoiceField(label=_("Aanbieder"), queryset=Organisation.objects.none())
    volume = forms.DecimalField(label=_("Omvang"), max_digits=9, decimal_places=2)
    unit = forms.ChoiceField(label=_("Eenheid"), choices=Unit.choices)
    frequency = forms.ChoiceField(label=_("Frequentie"), choices=Frequency.choices)
    own_employer_reason = forms.CharField(
        label=_("Reden bij toewijzing aan uw eigen werkgever"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Verplicht als de aanbieder uw eigen werkgever is; de toewijzing wordt verantwoord "
            "als mogelijk belangenconflict."
        ),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, case=case, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = allocatable_decisions(case)
        provider = self.fields["provider"]
        assert isinstance(provider, forms.ModelChoiceField)
        provider.queryset = provider_choices(case)


class TimeEntryForm(forms.Form):
    worked_on = forms.DateField(label=_("Datum"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Uren"), max_digits=5, decimal_places=2, help_text=_("Een half uur is 0,5.")
    )
    note = forms.CharField(label=_("Notitie"), max_length=250, required=False)


class ScaleForm(forms.Form):
    change = forms.ChoiceField(
        label=_("Wijziging"), choices=ScaleChange.choices, widget=forms.RadioSelect
    )
    new_volume = forms.DecimalField(
        label=_("Nieuwe omvang"),
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_("Verplicht bij een toewijzing aan een aanbieder."),
    )
    reason = forms.CharField(label=_("Reden"), max_length=250)


class EndForm(forms.Form):
    ends_on = forms.DateField(label=_("Beëindigd op"), widget=DateInput())
