from typing import Any

from django import forms
from django.db.models import QuerySet
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Case, InstrumentDomain
from wijkteam.cases.selectors_plan import life_domains
from wijkteam.complaints.constants import (
    SURVEY_QUESTION_KEYS,
    SURVEY_QUESTIONS,
    ComplaintSubject,
    SurveyScale,
)
from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.documents import filetypes
from wijkteam.documents.services import max_bytes
from wijkteam.organisation.models import Neighbourhood, Organisation
from wijkteam.residents.models import Resident
from wijkteam.residents.validators import validate_phone

from .constants import MESSAGE_MAX, AgreementChoice, ContactPreference, RepresentationBasis
from .services.reports import QUESTION_MAX


class AskForm(IdempotentFormMixin, forms.Form):
    question = forms.CharField(
        label=_("Waar zoekt u hulp bij?"),
        help_text=_("Schrijf het in uw eigen woorden. Een paar zinnen is genoeg."),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=QUESTION_MAX,
        error_messages={"required": _("Schrijf in een paar woorden waar u hulp bij zoekt.")},
    )
    domains = forms.ModelMultipleChoiceField(
        label=_("Over welke onderwerpen gaat het? (mag u overslaan)"),
        queryset=InstrumentDomain.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_preference = forms.ChoiceField(
        label=_("Hoe wilt u dat wij contact met u opnemen?"),
        choices=ContactPreference.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe wij contact met u opnemen.")},
    )
    contact_value = forms.CharField(
        label=_("Uw telefoonnummer of e-mailadres (als u wilt dat wij bellen of mailen)"),
        required=False,
        max_length=150,
    )

    def __init__(self, *args: object, known: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["domains"].queryset = life_domains()  # type: ignore[attr-defined]
        self.fields["domains"].label_from_instance = lambda d: d.name  # type: ignore[attr-defined]
        if not known:
            self.fields["first_name"] = forms.CharField(label=_("Uw voornaam"), max_length=100)
            self.fields["last_name"] = forms.CharField(label=_("Uw achternaam"), max_length=100)
            self.fields["date_of_birth"] = forms.DateField(
                label=_("Uw geboortedatum"),
                help_text=_("Bijvoorbeeld 31-12-1970"),
                input_formats=["%d-%m-%Y", "%Y-%m-%d"],
            )
            self.fields["neighbourhood"] = forms.ModelChoiceField(
                label=_("In welke buurt woont u?"),
                queryset=Neighbourhood.objects.order_by("name"),
                empty_label=_("Kies uw buurt"),
            )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("contact_preference") in {"telefoon", "email"} and not data.get(
            "contact_value"
        ):
            self.add_error(
                "contact_value",
                _("Vul uw telefoonnummer of e-mailadres in, dan kunnen wij u bereiken."),
            )
        born = data.get("date_of_birth")
        if born is not None and born > timezone.localdate():
            self.add_error("date_of_birth", _("Uw geboortedatum kan niet in de toekomst liggen."))
        return data


class PlanAnswerForm(forms.Form):
    seen_version = forms.IntegerField(widget=forms.HiddenInput)
    choice = forms.ChoiceField(
        label=_("Wat vindt u van dit plan?"),
        choices=AgreementChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies of u akkoord gaat met het plan.")},
    )
    comment = forms.CharField(
        label=_("Toelichting (nodig als u het niet eens bent)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class MessageForm(forms.Form):
    """A message in the thread; the length is checked by the service (Dutch message, no cut)."""

    body = forms.CharField(
        label=_("Uw bericht"),
        help_text=_("Hoogstens %(max)d tekens. Het wijkteam leest het op werkdagen.")
        % {"max": MESSAGE_MAX},
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        required=False,
    )
    attachment = forms.FileField(
        label=_("Bijlage (mag ook leeg blijven)"),
        help_text=_(
            "U kunt één bestand meesturen, bijvoorbeeld een brief of een foto: PDF, foto (PNG, "
            "JPEG), Word of Excel (docx, xlsx) of OpenDocument (odt, ods), hoogstens %(max)s."
        ),
        required=False,
        error_messages={"empty": _("Het bestand is leeg. Kies een bestand met inhoud.")},
        widget=forms.FileInput(attrs={"accept": filetypes.ACCEPT}),
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["attachment"]
        field.help_text = str(field.help_text) % {"max": filesizeformat(max_bytes())}


def _case_label(case: Case) -> str:
    return str(_("Hulpvraag van %(date)s") % {"date": date_format(case.opened_on, "j F Y")})


class ComplaintForm(forms.Form):
    subject = forms.ChoiceField(
        label=_("Waarover gaat uw klacht?"),
        choices=[
            (ComplaintSubject.TEAM, _("Over het wijkteam")),
            (ComplaintSubject.PROVIDER, _("Over een zorgaanbieder")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies waarover uw klacht gaat.")},
    )
    provider = forms.ModelChoiceField(
        label=_("Over welke zorgaanbieder? (alleen bij een klacht over een zorgaanbieder)"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("Kies de zorgaanbieder"),
    )
    case = forms.ModelChoiceField(
        label=_("Over welke hulpvraag? (mag u overslaan)"),
        queryset=Case.objects.none(),
        required=False,
        empty_label=_("Niet over een bepaalde hulpvraag"),
    )
    summary = forms.CharField(
        label=_("Wat is uw klacht?"),
        help_text=_("Schrijf op wat er gebeurde, wanneer, en wat u graag anders had gezien."),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        strip=False,
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(
        self, *args: Any, cases: QuerySet[Case], providers: QuerySet[Organisation], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case"].queryset = cases  # type: ignore[attr-defined]
        self.fields["case"].label_from_instance = _case_label  # type: ignore[attr-defined]
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("subject") == ComplaintSubject.PROVIDER and not data.get("provider"):
            self.add_error("provider", _("Kies de zorgaanbieder waarover uw klacht gaat."))
        return data


class ObjectionForm(forms.Form):
    grounds = forms.CharField(
        label=_("Waarom bent u het niet eens met het besluit?"),
        help_text=_("Schrijf het in uw eigen woorden. Wat had u verwacht, en waarom?"),
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        strip=False,
    )
    why_late = forms.CharField(
        label=_("Waarom maakt u later dan zes weken bezwaar? (mag u overslaan)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=1000,
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, late: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not late:
            del self.fields["why_late"]


class SurveyForm(forms.Form):
    """The statements of the cliëntervaringsonderzoek, each answered 1–5 or skipped."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, _group, text in SURVEY_QUESTIONS:
            self.fields[key] = forms.TypedChoiceField(
                label=str(text),
                choices=[(value, label) for value, label in SurveyScale.choices],
                coerce=int,
                empty_value=None,
                required=False,
                widget=forms.RadioSelect,
            )

    def answers(self) -> dict[str, int | None]:
        return {key: self.cleaned_data.get(key) for key in SURVEY_QUESTION_KEYS}


class InzageForm(forms.Form):
    note = forms.CharField(
        label=_("Wilt u iets toelichten? (mag u overslaan)"),
        help_text=_("Bijvoorbeeld: over welke periode u het wilt weten."),
        required=False,
        max_length=250,
    )


class CorrectionForm(forms.Form):
    concerns = forms.CharField(
        label=_("Welke gegevens kloppen niet?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        strip=False,
    )
    requested_change = forms.CharField(
        label=_("Wat moet er wel staan?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        strip=False,
    )


class RepresentationContactForm(forms.Form):
    """How the representative is reached; sent to the provider with the allocation (301)."""

    phone = forms.CharField(
        label=_("Telefoon van de vertegenwoordiger (mag leeg)"),
        help_text=_("Bijvoorbeeld 06 12345678"),
        max_length=30,
        required=False,
        validators=[validate_phone],
    )
    email = forms.EmailField(
        label=_("E-mailadres van de vertegenwoordiger (mag leeg)"),
        required=False,
        max_length=254,
        error_messages={"invalid": _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")},
    )


class RepresentationForm(RepresentationContactForm):
    """The team records a legal representative or a parent with authority."""

    represented = forms.ModelChoiceField(
        label=_("Wie wordt vertegenwoordigd?"), queryset=Resident.objects.none()
    )
    representative_name = forms.CharField(label=_("Naam van de vertegenwoordiger"), max_length=150)
    representative_bsn = forms.CharField(
        label=_("BSN van de vertegenwoordiger"),
        help_text=_("Hiermee logt de vertegenwoordiger in met DigiD."),
        max_length=11,
    )
    basis = forms.ChoiceField(label=_("Grondslag"), choices=RepresentationBasis.choices)
    valid_from = forms.DateField(
        label=_("Geldig vanaf"),
        help_text=_("Bijvoorbeeld 31-12-2026"),
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
    )
    valid_until = forms.DateField(
        label=_("Geldig tot en met (mag leeg)"),
        required=False,
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
    )
    field_order = [
        "represented",
        "representative_name",
        "representative_bsn",
        "basis",
        "valid_from",
        "valid_until",
        "phone",
        "email",
    ]

    def __init__(self, *args: Any, residents: QuerySet[Resident], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["represented"].queryset = residents  # type: ignore[attr-defined]
        self.fields["represented"].label_from_instance = lambda r: r.full_name  # type: ignore[attr-defined]
