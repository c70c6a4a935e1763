"""Forms of the intervention stage, one per kind of intervention. The services validate again."""

from typing import Any

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import User
from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.organisation.models import Organisation

from .constants import AllocationChangeReason, Frequency, ScaleChange, Unit
from .forms import DateInput
from .models import Case, Decision
from .services.intervention import allocatable_decisions, provider_choices
from .services.intervention.allocation import contracted_provider_ids


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return (
            f"{obj.get_product_category_display()}: {obj.volume.normalize():f} "
            f"{obj.get_unit_display()} {obj.get_frequency_display()} "
            f"({obj.starts_on:%d-%m-%Y} – {obj.ends_on:%d-%m-%Y})"
        )


class InterventionForm(IdempotentFormMixin, forms.Form):
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


class ProviderChoiceField(forms.ModelChoiceField):
    contracted: set[int] | None = None

    def label_from_instance(self, obj: Any) -> str:
        if self.contracted is not None and obj.pk in self.contracted:
            return _("%(name)s (contract voor dit product)") % {"name": obj.name}
        return str(obj.name)


class AllocationForm(InterventionForm):
    decision = DecisionChoiceField(label=_("Besluit"), queryset=Decision.objects.none())
    provider = ProviderChoiceField(label=_("Aanbieder"), queryset=Organisation.objects.none())
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
    offered_providers = forms.ModelMultipleChoiceField(
        label=_("Voorgelegd aan de inwoner om uit te kiezen"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    chosen_provider = forms.ModelChoiceField(
        label=_("Keuze van de inwoner"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("De inwoner heeft geen keuze gemaakt"),
    )
    team_advised = forms.BooleanField(
        label=_("Het team heeft de inwoner geadviseerd bij de keuze"), required=False
    )
    choice_deviation_reason = forms.CharField(
        label=_("Reden als u de keuze van de inwoner niet volgt"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(
        self, *args: Any, case: Case, prefill: Decision | None = None, **kwargs: Any
    ) -> None:
        """``prefill``: the decision whose unit, frequency, volume and period fill the form."""
        decisions = allocatable_decisions(case)
        if prefill is None and not (args and args[0] is not None):
            only = list(decisions[:2])
            prefill = only[0] if len(only) == 1 else None
        if prefill is not None:
            initial = kwargs.setdefault("initial", {})
            initial.setdefault("decision", prefill.pk)
            initial.setdefault("volume", prefill.volume)
            initial.setdefault("unit", prefill.unit)
            initial.setdefault("frequency", prefill.frequency)
            initial.setdefault("ends_on", prefill.ends_on)
            if initial.get("starts_on") and initial["starts_on"] < prefill.starts_on:
                initial["starts_on"] = prefill.starts_on
        super().__init__(*args, case=case, **kwargs)
        decision = self.fields["decision"]
        assert isinstance(decision, forms.ModelChoiceField)
        decision.queryset = decisions
        providers = provider_choices(case)
        provider = self.fields["provider"]
        assert isinstance(provider, ProviderChoiceField)
        provider.queryset = providers
        if prefill is not None:
            provider.contracted = contracted_provider_ids(
                product_category=prefill.product_category, product_code=prefill.product_code
            )
        for name in ("offered_providers", "chosen_provider"):
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField | forms.ModelMultipleChoiceField)
            field.queryset = providers


class TimeEntryForm(IdempotentFormMixin, forms.Form):
    worked_on = forms.DateField(label=_("Datum"), widget=DateInput())
    hours = forms.DecimalField(
        label=_("Uren"), max_digits=5, decimal_places=2, help_text=_("Een half uur is 0,5.")
    )
    note = forms.CharField(label=_("Notitie"), max_length=250, required=False)


def _change_reason_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Reden voor de aanbieder"),
        choices=[("", _("Herbeoordeling: verkorting toewijzing (standaard)"))]
        + [(value, label) for value, label in AllocationChangeReason.choices if value != "05"],
        required=False,
        help_text=_("Deze reden staat in het bericht aan de aanbieder (iWmo/iJw, WMO002)."),
    )


class _ChangeReasonMixin:
    """The WMO002 reason only for an intervention with an allocation to a provider."""

    fields: dict[str, forms.Field]

    def _keep_reason(self, allocated: bool) -> None:
        if not allocated:
            del self.fields["change_reason"]


class ScaleForm(_ChangeReasonMixin, forms.Form):
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
    change_reason = _change_reason_field()

    def __init__(self, *args: Any, allocated: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keep_reason(allocated)


class EndForm(_ChangeReasonMixin, forms.Form):
    ends_on = forms.DateField(label=_("Beëindigd op"), widget=DateInput())
    change_reason = _change_reason_field()

    def __init__(self, *args: Any, allocated: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._keep_reason(allocated)
