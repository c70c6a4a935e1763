"""Forms of the onderzoek: a keukentafelgesprek, the investigation itself, completing, handing."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.residents.models import NetworkMember, Resident

from .forms import DateInput
from .models import Case, Investigation
from .services.investigation import investigation_fingerprint


class ResidentChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Resident)
        return f"{obj.full_name} ({obj.get_household_relation_display().lower()})"


class NetworkChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, NetworkMember)
        return f"{obj.name} ({obj.get_relation_display().lower()})"


class ConversationForm(forms.Form):
    held_on = forms.DateField(label=_("Datum van het gesprek"), widget=DateInput())
    place = forms.CharField(
        label=_("Plaats"),
        max_length=150,
        help_text=_("Bijvoorbeeld: bij de inwoner thuis, op het wijkteamkantoor, telefonisch."),
    )
    residents = ResidentChoiceField(
        label=_("Inwoners die deelnamen"),
        queryset=Resident.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    network_members = NetworkChoiceField(
        label=_("Leden van het netwerk die deelnamen"),
        queryset=NetworkMember.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    client_supporter_present = forms.BooleanField(
        label=_("De cliëntondersteuner was aanwezig"), required=False
    )
    other_participants = forms.CharField(
        label=_("Andere deelnemers"),
        max_length=250,
        required=False,
        help_text=_("Bijvoorbeeld een tolk of een professional van een andere organisatie."),
    )
    summary = forms.CharField(
        label=_("Wat is er besproken?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Dit komt in het verslag dat de inwoner krijgt. Schrijf in gewone taal."),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        residents = self.fields["residents"]
        assert isinstance(residents, forms.ModelMultipleChoiceField)
        residents.queryset = Resident.objects.filter(household_id=case.household_id).order_by(
            "date_of_birth"
        )
        network = self.fields["network_members"]
        assert isinstance(network, forms.ModelMultipleChoiceField)
        network.queryset = NetworkMember.objects.filter(household_id=case.household_id).order_by(
            "name"
        )
        if not self.is_bound:
            self.fields["held_on"].initial = timezone.localdate()
            self.fields["client_supporter_present"].initial = case.client_supporter_id is not None


class InvestigationForm(forms.Form):
    personal_plan_received_on = forms.DateField(
        label=_("Persoonlijk plan ontvangen op"),
        widget=DateInput(),
        required=False,
        help_text=_("Leeg laten als de inwoner (nog) geen persoonlijk plan heeft ingediend."),
    )
    personal_plan_summary = forms.CharField(
        label=_("Wat schrijft de inwoner in het persoonlijk plan?"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    conclusion = forms.CharField(
        label=_("Conclusie van het onderzoek"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=_(
            "Wat is de hulpvraag, wat kan de inwoner zelf of met het netwerk, en welke "
            "ondersteuning is nodig?"
        ),
    )
    fingerprint = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, investigation: Investigation, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "personal_plan_received_on": investigation.personal_plan_received_on,
                "personal_plan_summary": investigation.personal_plan_summary,
                "conclusion": investigation.conclusion,
                "fingerprint": investigation_fingerprint(investigation),
            },
        )
        super().__init__(*args, **kwargs)


class CompleteForm(forms.Form):
    completed_on = forms.DateField(label=_("Afgerond op"), widget=DateInput())


class HandedForm(forms.Form):
    handed_on = forms.DateField(
        label=_("Verslag aan de inwoner gegeven op"),
        widget=DateInput(),
        help_text=_("De dag waarop de inwoner het verslag kreeg, op papier of digitaal."),
    )
