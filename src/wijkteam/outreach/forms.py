import uuid
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.constants import LawTrack
from wijkteam.organisation.models import Neighbourhood, Team

from .constants import CloseReason, SignalSource
from .models import SignalKind


class SignalForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    kind = forms.ModelChoiceField(
        label=_("Soort zorg"), queryset=SignalKind.objects.filter(active=True)
    )
    address = forms.CharField(
        label=_("Adres"),
        required=False,
        max_length=200,
        help_text=_("Straat en huisnummer, of een plek. Vul dit of de omschrijving in."),
    )
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"), queryset=Neighbourhood.objects.none(), required=False
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat is er gezien of gehoord? Geen BSN, alleen wat nodig is."),
    )
    source = forms.ChoiceField(label=_("Bron"), choices=SignalSource.choices)
    source_name = forms.CharField(
        label=_("Naam van de bron"),
        required=False,
        max_length=150,
        help_text=_("De organisatie, niet de naam van een buurtbewoner."),
    )
    received_on = forms.DateField(
        label=_("Ontvangen op"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    submit_token = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        team_field = self.fields["team"]
        assert isinstance(team_field, forms.ModelChoiceField)
        team_field.queryset = teams
        hood = self.fields["neighbourhood"]
        assert isinstance(hood, forms.ModelChoiceField)
        hood.queryset = Neighbourhood.objects.filter(teams__in=teams).distinct().order_by("name")


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Reden"), choices=CloseReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResidentSearchForm(forms.Form):
    q = forms.CharField(label=_("Naam van de inwoner"), max_length=100)


class ConvertForm(forms.Form):
    question = forms.CharField(label=_("Vraag of zorg"), widget=forms.Textarea(attrs={"rows": 4}))
    law_track = forms.ChoiceField(label=_("Wettelijk spoor"), choices=LawTrack.choices)
    informed_about_client_support = forms.BooleanField(
        label=_("Gewezen op gratis onafhankelijke cliëntondersteuning"), required=False
    )


class KindForm(forms.Form):
    name = forms.CharField(label=_("Soort zorg"), max_length=120)
    follow_up_days = forms.IntegerField(label=_("Opvolgen binnen (werkdagen)"))
    active = forms.BooleanField(label=_("In gebruik"), required=False)


class RetentionForm(forms.Form):
    months = forms.IntegerField(
        label=_("Bewaartermijn van signalen zonder melding (maanden)"),
        help_text=_("Van 1 tot en met 24 maanden; standaard 6."),
    )
