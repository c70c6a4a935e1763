"""Forms of the privacy screens. Validation of meaning lives in the services; these parse input."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.constants import (
    EMERGENCY_DEFAULT_MINUTES,
    ConsentMethod,
    CorrectionOutcome,
    DataCategory,
    EmergencyVerdict,
    LegalGround,
    RefusalReason,
    RequestChannel,
    RequestedBy,
)
from wijkteam.residents.models import Resident


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


def _date_field(label: Any, *, required: bool = True, **kwargs: Any) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        widget=DateInput(),
        error_messages={"invalid": _("Vul een geldige datum in.")},
        **kwargs,
    )


UNKNOWN_ORGANISATION = _("Onbekende organisatie: kies de ontvangende organisatie uit de lijst.")


class _SharingForm(IdempotentFormMixin, forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Ontvangende organisatie"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": UNKNOWN_ORGANISATION},
    )
    purpose = forms.CharField(
        label=_("Doel"),
        max_length=250,
        help_text=_("Waarvoor mag deze organisatie de gegevens gebruiken?"),
    )
    categories = forms.MultipleChoiceField(
        label=_("Soorten gegevens"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Onbekende soort gegevens: %(value)s."),
            "required": _("Kies ten minste één soort gegevens."),
        },
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            municipality_id=resident.municipality_id
        ).order_by("name")


class ConsentForm(_SharingForm):
    given_how = forms.ChoiceField(
        label=_("Hoe is de toestemming gegeven?"),
        choices=ConsentMethod.choices,
        widget=forms.RadioSelect,
    )
    valid_from = _date_field(_("Geldig vanaf"))
    valid_until = _date_field(
        _("Geldig tot en met"), required=False, help_text=_("Leeg: tot de inwoner intrekt.")
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, resident=resident, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()


class LegalGroundForm(_SharingForm):
    legal_ground = forms.ChoiceField(
        label=_("Wettelijke grondslag"),
        choices=[("", "---------"), *LegalGround.choices],
        error_messages={
            "invalid_choice": _(
                "Delen zonder toestemming kan alleen op een wettelijke grondslag uit de lijst."
            )
        },
    )
    justification = forms.CharField(
        label=_("Onderbouwing"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Waarom is delen zonder toestemming hier nodig en evenredig?"),
    )
    valid_from = _date_field(_("Geldig vanaf"))
    valid_until = _date_field(_("Geldig tot en met"), required=False)

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, resident=resident, **kwargs)
        self.fields["valid_from"].initial = timezone.localdate()


class ConsentRefusalForm(IdempotentFormMixin, forms.Form):
    """The resident says no: which organisation, which kind of data, when, and optionally why
    (a code: no free text)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisatie die om toestemming vroeg"),
        queryset=Organisation.objects.none(),
        error_messages={"invalid_choice": UNKNOWN_ORGANISATION},
    )
    category = forms.ChoiceField(
        label=_("Soort gegevens"),
        choices=[("", "---------"), *DataCategory.choices],
        error_messages={"invalid_choice": _("Kies de soort gegevens uit de lijst.")},
    )
    refused_on = _date_field(_("Geweigerd op"))
    reason = forms.ChoiceField(
        label=_("Reden (optioneel)"),
        choices=[("", _("Geen reden genoemd")), *RefusalReason.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een reden uit de lijst, of laat de reden leeg.")},
    )

    def __init__(self, *args: Any, resident: Resident, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(
            municipality_id=resident.municipality_id
        ).order_by("name")
        self.fields["refused_on"].initial = timezone.localdate()


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=_("Toelichting (optioneel)"),
        max_length=250,
        required=False,
        help_text=_("Bijvoorbeeld: mondeling ingetrokken bij het huisbezoek."),
    )


class EmergencyForm(forms.Form):
    MINUTES = [
        (15, _("15 minuten")),
        (30, _("30 minuten")),
        (60, _("1 uur")),
        (120, _("2 uur")),
        (240, _("4 uur")),
    ]

    case_number = forms.IntegerField(
        label=_("Casusnummer"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Een casusnummer bestaat uit cijfers.")},
    )
    bsn = forms.CharField(
        label=_("Of: BSN van een lid van het huishouden"), max_length=11, required=False
    )
    reason = forms.CharField(
        label=_("Reden van de doorbraak"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_(
            "Verplicht. De reden komt in de toegangslog en de teamleider van de casus beoordeelt "
            "de doorbraak achteraf."
        ),
    )
    minutes = forms.TypedChoiceField(
        label=_("Hoe lang"), choices=MINUTES, coerce=int, initial=EMERGENCY_DEFAULT_MINUTES
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        missing = not data.get("case_number") and not (data.get("bsn") or "").strip()
        if missing and "case_number" not in self.errors:
            raise forms.ValidationError(_("Vul een casusnummer of een BSN in."))
        return data


class EmergencyReviewForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Oordeel"), choices=EmergencyVerdict.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Verplicht als de doorbraak niet gerechtvaardigd was."),
    )


class InzageForm(forms.Form):
    received_on = _date_field(_("Ontvangen op"))
    requested_by = forms.ChoiceField(label=_("Ingediend door"), choices=RequestedBy.choices)
    received_via = forms.ChoiceField(label=_("Hoe ontvangen"), choices=RequestChannel.choices)
    note = forms.CharField(label=_("Toelichting (optioneel)"), max_length=250, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class InzageExtendForm(forms.Form):
    reason = forms.CharField(
        label=_("Reden van verlenging"),
        max_length=250,
        help_text=_("Verlengen met twee maanden kan één keer, binnen de eerste maand."),
    )


class InzageCompleteForm(forms.Form):
    provided_on = _date_field(_("Verstrekt op"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["provided_on"].initial = timezone.localdate()


class CorrectionForm(forms.Form):
    received_on = _date_field(_("Ontvangen op"))
    concerns = forms.CharField(
        label=_("Welke gegevens kloppen volgens de inwoner niet?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    requested_change = forms.CharField(
        label=_("Gevraagde verbetering"), widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()


class CorrectionDecideForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=CorrectionOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Verplicht bij (deels) afwijzen."),
    )
    decided_on = _date_field(_("Besloten op"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decided_on"].initial = timezone.localdate()


class PeriodForm(forms.Form):
    """The period filter of the access overview (query string ``van`` / ``tot``)."""

    van = _date_field(_("Vanaf"), required=False)
    tot = _date_field(_("Tot en met"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: datetime.date | None = data.get("van")
        end: datetime.date | None = data.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data


class RetentionRuleForm(forms.Form):
    years = forms.IntegerField(
        label=_("Bewaartermijn in jaren"),
        min_value=1,
        max_value=115,
        error_messages={
            "min_value": _("Een bewaartermijn ligt tussen 1 en 115 jaar."),
            "max_value": _("Een bewaartermijn ligt tussen 1 en 115 jaar."),
            "invalid": _("Vul een aantal jaren in."),
        },
    )
    source = forms.CharField(label=_("Bron"), max_length=250)
    to_confirm = forms.BooleanField(label=_("Nog te bevestigen"), required=False)
