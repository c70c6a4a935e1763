"""Forms of the social map; the services check the rules and answer in Dutch."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import District, Municipality, Neighbourhood, Team

from .constants import InitiativeStatus, LifeDomain, ServiceStatus, SupportKind, TargetGroup
from .models import Location, MapOrganisation


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), max_length=100, required=False)
    leefgebied = forms.ChoiceField(
        label=_("Leefgebied"),
        required=False,
        choices=[("", _("Alle leefgebieden")), *LifeDomain.choices],
    )
    doelgroep = forms.ChoiceField(
        label=_("Voor wie"),
        required=False,
        choices=[("", _("Iedereen en alle doelgroepen")), *TargetGroup.choices],
    )
    wijk = forms.ModelChoiceField(
        label=_("Wijk"),
        required=False,
        queryset=District.objects.none(),
        empty_label=_("Alle wijken"),
    )
    buurt = forms.ModelChoiceField(
        label=_("Buurt"),
        required=False,
        queryset=Neighbourhood.objects.none(),
        empty_label=_("Alle buurten"),
    )
    voorliggend = forms.BooleanField(label=_("Alleen voorliggende voorzieningen"), required=False)

    def __init__(self, *args: Any, municipality_ids: list[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        districts = District.objects.order_by("name")
        hoods = Neighbourhood.objects.order_by("name")
        if municipality_ids is not None:
            districts = districts.filter(municipality_id__in=municipality_ids)
            hoods = hoods.filter(district__municipality_id__in=municipality_ids)
        self.fields["wijk"].queryset = districts  # type: ignore[attr-defined]
        self.fields["buurt"].queryset = hoods  # type: ignore[attr-defined]


class InitiativeFilterForm(SearchForm):
    """The filters of the initiatives list: words, wijk, buurt, status and life domain."""

    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Alle")), *InitiativeStatus.choices]
    )

    def __init__(self, *args: Any, municipality_ids: list[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, municipality_ids=municipality_ids, **kwargs)
        del self.fields["doelgroep"], self.fields["voorliggend"]
        self.fields["q"].help_text = _("Zoekt in de naam en de omschrijving.")
        self.order_fields(["q", "wijk", "buurt", "status", "leefgebied"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        district, hood = data.get("wijk"), data.get("buurt")
        if district is not None and hood is not None and hood.district_id != district.pk:
            self.add_error("buurt", _("Deze buurt ligt niet in de gekozen wijk."))
        return data


class OrganisationForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.order_by("name")
    )
    name = forms.CharField(label=_("Naam"), max_length=150)
    description = forms.CharField(label=_("Omschrijving"), widget=forms.Textarea(attrs={"rows": 3}))
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)


class LocationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=MapOrganisation.objects.order_by("name")
    )
    name = forms.CharField(label=_("Naam van de locatie"), max_length=150)
    address = forms.CharField(label=_("Adres"), max_length=200)
    postal_code = forms.CharField(label=_("Postcode"), max_length=10, required=False)
    city = forms.CharField(label=_("Plaats"), max_length=100)
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"),
        required=False,
        queryset=Neighbourhood.objects.order_by("name"),
        empty_label=_("— geen buurt —"),
    )
    accessibility = forms.CharField(
        label=_("Toegankelijkheid"),
        max_length=250,
        required=False,
        help_text=_("Bijvoorbeeld: rolstoeltoegankelijk, lift aanwezig."),
    )


class ServiceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"), queryset=MapOrganisation.objects.order_by("name")
    )
    name = forms.CharField(label=_("Naam"), max_length=150)
    description = forms.CharField(label=_("Wat is het"), widget=forms.Textarea(attrs={"rows": 3}))
    general_provision = forms.BooleanField(
        label=_("Voorliggende voorziening (vrij toegankelijk, zonder beschikking)"),
        required=False,
        initial=True,
    )
    status = forms.ChoiceField(label=_("Status"), choices=ServiceStatus.choices)
    life_domains = forms.MultipleChoiceField(
        label=_("Leefgebieden"),
        choices=LifeDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    for_whom = forms.CharField(
        label=_("Voor wie, in gewone woorden"), max_length=250, required=False
    )
    whole_municipality = forms.BooleanField(label=_("Voor de hele gemeente"), required=False)
    districts = forms.ModelMultipleChoiceField(
        label=_("Wijken"),
        queryset=District.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    neighbourhoods = forms.ModelMultipleChoiceField(
        label=_("Buurten"),
        queryset=Neighbourhood.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    location = forms.ModelChoiceField(
        label=_("Locatie"),
        queryset=Location.objects.select_related("organisation").order_by("name"),
        required=False,
        empty_label=_("— geen vaste locatie —"),
    )
    opening_hours = forms.CharField(
        label=_("Openingstijden op die locatie"), max_length=250, required=False
    )
    costs = forms.CharField(label=_("Kosten"), max_length=250, required=False)
    how_to_access = forms.CharField(
        label=_("Hoe kom je erbij"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)
    phone = forms.CharField(label=_("Telefoonnummer"), max_length=30, required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    # The version the form was opened on: a change saved by someone else in between is not
    # overwritten (service_save raises ConcurrentEditError). Empty for a new service.
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )


class InitiativeForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=150)
    description = forms.CharField(
        label=_("Wat doet het initiatief"), widget=forms.Textarea(attrs={"rows": 3})
    )
    district = forms.ModelChoiceField(label=_("Wijk"), queryset=District.objects.none())
    neighbourhood = forms.ModelChoiceField(
        label=_("Buurt"),
        queryset=Neighbourhood.objects.none(),
        required=False,
        empty_label=_("— de hele wijk —"),
    )
    meeting_place = forms.CharField(label=_("Waar"), max_length=200, required=False)
    for_whom = forms.CharField(label=_("Voor wie"), max_length=250, required=False)
    target_groups = forms.MultipleChoiceField(
        label=_("Doelgroepen"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    life_domains = forms.MultipleChoiceField(
        label=_("Leefgebieden"),
        choices=LifeDomain.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)
    contact_name = forms.CharField(label=_("Contactpersoon"), max_length=150, required=False)
    contact_phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    contact_email = forms.EmailField(label=_("E-mail"), required=False)
    contact_consent_on = forms.DateField(
        label=_("Toestemming om vermeld te worden gegeven op"),
        required=False,
        widget=DateInput(),
        help_text=_("Verplicht als u contactgegevens invult."),
    )
    expected_version = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1, max_value=2**31 - 1
    )

    def __init__(self, *args: Any, municipality_ids: list[int] | None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        districts = District.objects.order_by("name")
        hoods = Neighbourhood.objects.select_related("district").order_by("name")
        if municipality_ids is not None:
            districts = districts.filter(municipality_id__in=municipality_ids)
            hoods = hoods.filter(district__municipality_id__in=municipality_ids)
        self.fields["district"].queryset = districts  # type: ignore[attr-defined]
        self.fields["neighbourhood"].queryset = hoods  # type: ignore[attr-defined]


class SupportForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    kind = forms.ChoiceField(label=_("Wat doet het team"), choices=SupportKind.choices)
    note = forms.CharField(label=_("Toelichting"), max_length=250, required=False)
    started_on = forms.DateField(label=_("Vanaf"), widget=DateInput())

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]


class HsdsImportForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Gemeente"), queryset=Municipality.objects.order_by("name")
    )
    file = forms.FileField(
        label=_("HSDS-bestand (JSON)"),
        help_text=_("Een export in Open Referral HSDS 3.0: een lijst van diensten."),
    )
    dry_run = forms.BooleanField(
        label=_("Alleen controleren, nog niets opslaan"), required=False, initial=True
    )
