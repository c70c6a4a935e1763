"""The staff forms of klachten and bezwaren (Dutch labels and messages).

Registration forms carry a hidden ``submission_token`` (a double submit stores one row); the
handling forms carry the hidden ``expected_version`` of the record the user saw (a stale save
is refused). The legal limits (4 weeks, 6 weeks) are checked by the services, whose Dutch
message is shown at the field.
"""

import uuid
from collections.abc import Callable
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.forms import DateInput
from wijkteam.cases.models import Case, Decision
from wijkteam.organisation.models import Organisation, Team

from .constants import ComplaintOutcome, ComplaintSubject, ObjectionOutcome


class _TokenForm(forms.Form):
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("submission_token"):
            raise forms.ValidationError(
                _("Het formulier mist zijn kenmerk; open het opnieuw en vul het nog eens in.")
            )
        return data


class _VersionForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, version: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = version

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("expected_version"):
            raise forms.ValidationError(_("Het formulier mist zijn versie; open het opnieuw."))
        return data


class _KnownDecisionChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return _("%(decision)s, bekendgemaakt op %(day)s") % {
            "decision": obj,
            "day": f"{obj.made_known_on:%d-%m-%Y}",
        }


def _today_field(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DateInput(), help_text=_("Vandaag of eerder."))


class ComplaintFileForm(_TokenForm):
    team = forms.ModelChoiceField(label=_("Team"), queryset=Team.objects.none())
    subject = forms.ChoiceField(
        label=_("Waarover gaat de klacht?"),
        choices=ComplaintSubject.choices,
        widget=forms.RadioSelect,
    )
    provider = forms.ModelChoiceField(
        label=_("Aanbieder"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_("Alleen bij een klacht over een zorgaanbieder."),
    )
    case = forms.IntegerField(
        label=_("Casusnummer"),
        required=False,
        min_value=1,
        error_messages={"invalid": _("Een casusnummer bestaat uit cijfers.")},
        help_text=_(
            "Het nummer van de casus van een van uw teams. Leeg laten als de klacht niet over "
            "één casus gaat."
        ),
    )
    summary = forms.CharField(
        label=_("De klacht"), widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )
    received_on = _today_field(_("Ontvangen op"))
    committee = forms.BooleanField(
        label=_("Een klachtadviescommissie adviseert (termijn 10 weken in plaats van 6)"),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        teams: QuerySet[Team],
        providers: QuerySet[Organisation],
        find_case: Callable[[int], Case | None],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["provider"].queryset = providers  # type: ignore[attr-defined]
        self._find_case = find_case
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())
            if len(teams) == 1:
                self.initial.setdefault("team", teams[0])

    def clean_case(self) -> Case | None:
        """The case of the number typed: only one of the user's teams (a number outside them
        is refused at the field, without saying whether it exists)."""
        number = self.cleaned_data.get("case")
        if number is None:
            return None
        case = self._find_case(number)
        if case is None:
            raise forms.ValidationError(
                _("Casus %(number)s is geen casus van uw teams. Controleer het nummer."),
                params={"number": number},
            )
        return case


class ObjectionFileForm(_TokenForm):
    decision = _KnownDecisionChoice(
        label=_("Besluit waartegen het bezwaar is gericht"),
        queryset=Decision.objects.none(),
        help_text=_("Alleen besluiten die zijn bekendgemaakt en nog geen bezwaar hebben."),
    )
    grounds = forms.CharField(
        label=_("Gronden van het bezwaar"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=5000,
    )
    received_on = _today_field(_("Ontvangen op"))
    committee = forms.BooleanField(
        label=_(
            "Een adviescommissie bezwaarschriften adviseert (termijn 12 weken in plaats van 6)"
        ),
        required=False,
    )
    excusable_delay_note = forms.CharField(
        label=_("Waarom te laat indienen verschoonbaar is (Awb 6:11)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text=_(
            "Alleen invullen als het bezwaar na de bezwaartermijn binnenkwam en de "
            "overschrijding verschoonbaar is. Anders is het bezwaar niet-ontvankelijk."
        ),
    )

    def __init__(self, *args: Any, decisions: QuerySet[Decision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decisions  # type: ignore[attr-defined]
        if not self.is_bound:
            self.initial.setdefault("received_on", timezone.localdate())


class AcknowledgeForm(_VersionForm):
    acknowledged_on = _today_field(_("Ontvangst bevestigd op"))


class HearForm(_VersionForm):
    heard_on = forms.DateField(label=_("Gehoord op"), widget=DateInput(), required=False)
    waived_reason = forms.CharField(
        label=_("Of: reden om niet te horen"), max_length=250, required=False
    )


class ComplaintExtendForm(_VersionForm):
    weeks = forms.IntegerField(
        label=_("Verdagen met (weken)"), help_text=_("Ten hoogste 4 weken (Awb 9:11 lid 2).")
    )
    reason = forms.CharField(label=_("Reden van verdaging"), max_length=250)
    notified_on = _today_field(_("Klager schriftelijk bericht op"))


class ObjectionExtendForm(_VersionForm):
    weeks = forms.IntegerField(
        label=_("Verdagen met (weken)"), help_text=_("Ten hoogste 6 weken (Awb 7:10 lid 3).")
    )
    reason = forms.CharField(label=_("Reden van verdaging"), max_length=250)


class ComplaintCloseForm(_VersionForm):
    outcome = forms.ChoiceField(
        label=_("Oordeel"), choices=[("", "---------"), *ComplaintOutcome.choices]
    )
    conclusion = forms.CharField(
        label=_("Conclusies en motivering"), widget=forms.Textarea(attrs={"rows": 4})
    )
    closed_on = _today_field(_("Afgehandeld op"))


class ObjectionDecideForm(_VersionForm):
    outcome = forms.ChoiceField(
        label=_("Beslissing op bezwaar"),
        choices=[
            ("", "---------"),
            *[c for c in ObjectionOutcome.choices if c[0] != ObjectionOutcome.INGETROKKEN],
        ],
    )
    motivation = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}))
    revised_decision = forms.ModelChoiceField(
        label=_("Herzien besluit"),
        queryset=Decision.objects.none(),
        required=False,
        help_text=_(
            "Bij (deels) gegrond: neem eerst het nieuwe besluit bij de besluiten van de casus "
            "en kies het hier."
        ),
    )
    decided_on = _today_field(_("Beslist op"))

    def __init__(self, *args: Any, revisions: QuerySet[Decision], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["revised_decision"].queryset = revisions  # type: ignore[attr-defined]


class WithdrawForm(_VersionForm):
    withdrawn_on = _today_field(_("Ingetrokken op"))
