"""Forms of the intake and case frame (stage forms live with their stage views)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import User
from wijkteam.core.direct_render import DIRECT_RENDERER
from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.constants import DataCategory

from .constants import CASE_TRANSITIONS, CaseState, ClosureOutcome, TriageOutcome
from .models import Case, Report
from .services.intake_consent import INTAKE_METHODS, IntakeConsent


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class TransitionForm(forms.Form):
    # the same HTML as the templates (core/direct_render.py): it is on every case overview
    default_renderer = DIRECT_RENDERER

    to_state = forms.ChoiceField(label=_("Naar fase"), choices=())
    reason = forms.CharField(label=_("Toelichting"), max_length=250, required=False)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = CASE_TRANSITIONS.get(case.state, frozenset()) - {CaseState.AFGESLOTEN}
        field = self.fields["to_state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s.value, s.label) for s in CaseState if s in allowed]
        self.fields["expected_version"].initial = case.version


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Uitkomst"), choices=ClosureOutcome.choices)
    reason = forms.CharField(
        label=_("Reden van afsluiten"), widget=forms.Textarea(attrs={"rows": 3})
    )
    closed_on = forms.DateField(label=_("Afgesloten op"), widget=DateInput())
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class HandoverForm(forms.Form):
    new_coordinator = forms.ModelChoiceField(
        label=_("Nieuwe regisseur"), queryset=User.objects.none()
    )
    note = forms.CharField(label=_("Overdrachtsnotitie"), widget=forms.Textarea(attrs={"rows": 3}))
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["new_coordinator"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(memberships__team=case.team, is_active=True)
            .exclude(pk=case.coordinator_id)
            .order_by("last_name", "first_name")
            .distinct()
        )
        self.fields["expected_version"].initial = case.version


class SupporterForm(forms.Form):
    supporter = forms.ModelChoiceField(
        label=_("Cliëntondersteuner"),
        queryset=User.objects.none(),
        required=False,
        help_text=_("Leeg laten om de cliëntondersteuner te verwijderen."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["supporter"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(
                memberships__team=case.team, memberships__roles__role="clientondersteuner"
            )
            .exclude(pk=case.coordinator_id)
            .distinct()
        )
        self.fields["expected_version"].initial = case.version
        self.fields["supporter"].initial = case.client_supporter_id


class TermExtendForm(forms.Form):
    reason = forms.CharField(label=_("Reden van verlenging"), max_length=250)
    weeks = forms.IntegerField(
        label=_("Aantal weken (alleen waar de wet geen vaste termijn geeft)"),
        required=False,
        min_value=1,
        max_value=52,
    )


class TermSuspendForm(forms.Form):
    starts_on = forms.DateField(label=_("Opgeschort vanaf"), widget=DateInput())
    ends_on = forms.DateField(label=_("Opgeschort tot"), widget=DateInput())
    reason = forms.CharField(label=_("Reden van opschorting"), max_length=250)


class ReportForm(IdempotentFormMixin, forms.ModelForm):
    received_at = forms.DateTimeField(
        label=_("Ontvangen op"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Report
        fields = [
            "team",
            "channel",
            "referrer_kind",
            "referrer_name",
            "question",
            "received_at",
            "law_track",
            "informed_about_client_support",
        ]
        widgets = {"question": forms.Textarea(attrs={"rows": 4})}


class TriageForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Uitkomst"), choices=TriageOutcome.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Het gegeven advies, de overdrachtsnotitie bij een verwijzing, of de reden voor geen actie."
        ),
    )
    referred_to = forms.ModelChoiceField(
        label=_("Verwezen naar"), queryset=Organisation.objects.none(), required=False
    )
    consent_given = forms.BooleanField(
        label=_(
            "De inwoner geeft toestemming om gegevens te delen met de organisaties van het team"
        ),
        required=False,
        help_text=_(
            "Alleen als de melding tot een casus leidt. Zo ziet ieder teamlid wat nodig is; "
            "zonder toestemming legt u later een toestemming of wettelijke grondslag vast."
        ),
    )
    consent_how = forms.ChoiceField(
        label=_("Hoe gaf de inwoner toestemming?"),
        choices=[(m.value, m.label) for m in INTAKE_METHODS],
        required=False,
        widget=forms.RadioSelect,
    )
    consent_categories = forms.MultipleChoiceField(
        label=_("Voor welke gegevens"),
        choices=DataCategory.choices,
        initial=[DataCategory.BASISGEGEVENS, DataCategory.NETWERK, DataCategory.ONDERZOEK],
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def intake_consent(self) -> IntakeConsent | None:
        if not self.cleaned_data.get("consent_given"):
            return None
        return IntakeConsent(
            categories=tuple(self.cleaned_data.get("consent_categories") or ()),
            given_how=self.cleaned_data.get("consent_how") or "",
        )

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["referred_to"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Organisation.objects.filter(municipality_id=report.team.municipality_id)


class InvolveForm(forms.Form):
    member = forms.ModelChoiceField(
        label=_("Teamlid"),
        queryset=User.objects.none(),
        help_text=_(
            "Een betrokken teamlid ziet en werkt mee aan deze casus, bijvoorbeeld de beslisser."
        ),
    )

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["member"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = (
            User.objects.filter(memberships__team=case.team, is_active=True)
            .exclude(pk=case.coordinator_id)
            .exclude(pk__in=case.involved_members.values("pk"))
            .order_by("last_name", "first_name")
            .distinct()
        )
