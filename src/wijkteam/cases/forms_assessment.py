"""The measurement form: one score select (with the scale labels) and a reason per domain.

Leaving a domain's score empty means "not scored": nothing is stored for it (data minimisation).
"""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkteam.residents.models import Resident

from .constants import AssessmentMoment
from .forms import DateInput
from .models import Case, Instrument, InstrumentDomain
from .services.assessment import REASON_MAX, Scores, reason_key, score_key


class ResidentField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        assert isinstance(obj, Resident)
        return f"{obj.full_name} ({obj.date_of_birth:%d-%m-%Y})"


class AssessmentForm(forms.Form):
    template_name = "cases/assessment/form_fields.html"

    resident = ResidentField(label=_("Inwoner"), queryset=Resident.objects.none())
    moment = forms.ChoiceField(label=_("Moment"), choices=AssessmentMoment.choices)
    measured_on = forms.DateField(label=_("Gemeten op"), widget=DateInput())

    def __init__(
        self,
        *args: Any,
        case: Case,
        instrument: Instrument,
        domains: list[InstrumentDomain],
        labels: dict[int, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        self.domains = domains
        resident = self.fields["resident"]
        assert isinstance(resident, forms.ModelChoiceField)
        resident.queryset = Resident.objects.filter(household_id=case.household_id).order_by(
            "date_of_birth"
        )
        if not self.is_bound:
            self.fields["measured_on"].initial = timezone.localdate()
            members = list(resident.queryset[:2])
            if len(members) == 1 and "resident" not in self.initial:
                self.initial["resident"] = members[0].pk
        choices: list[tuple[str, str]] = [("", gettext("Niet gescoord"))]
        for value in range(instrument.scale_min, instrument.scale_max + 1):
            label = labels.get(value)
            choices.append((str(value), f"{value} – {label}" if label else str(value)))
        for domain in domains:
            self.fields[score_key(domain.code)] = forms.ChoiceField(
                label=gettext("Score voor %(domain)s") % {"domain": domain.name},
                choices=choices,
                required=False,
            )
            self.fields[reason_key(domain.code)] = forms.CharField(
                label=gettext("Waarom doet %(domain)s ertoe voor de ondersteuning?")
                % {"domain": domain.name},
                max_length=REASON_MAX,
                required=False,
            )

    def domain_groups(self) -> list[tuple[InstrumentDomain, forms.BoundField, forms.BoundField]]:
        """Per domain its score and reason fields, for a fieldset each."""
        return [(d, self[score_key(d.code)], self[reason_key(d.code)]) for d in self.domains]

    def general_fields(self) -> list[forms.BoundField]:
        return [self["resident"], self["moment"], self["measured_on"]]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for domain in self.domains:
            score = data.get(score_key(domain.code), "")
            reason = data.get(reason_key(domain.code), "")
            if not score and reason.strip():
                self.add_error(
                    score_key(domain.code),
                    gettext(
                        "Kies een score voor %(domain)s, of maak de reden leeg als dit domein "
                        "niet ertoe doet."
                    )
                    % {"domain": domain.name},
                )
            elif score and not reason.strip():
                self.add_error(
                    reason_key(domain.code),
                    gettext(
                        "Geef aan waarom %(domain)s ertoe doet voor de ondersteuning "
                        "(dataminimalisatie)."
                    )
                    % {"domain": domain.name},
                )
        return data

    def scores(self) -> Scores:
        """The scored domains only: ``{code: (score, reason)}``."""
        result: Scores = {}
        for domain in self.domains:
            raw = self.cleaned_data.get(score_key(domain.code), "")
            if raw != "":
                result[domain.code] = (
                    int(raw),
                    self.cleaned_data.get(reason_key(domain.code), ""),
                )
        return result
