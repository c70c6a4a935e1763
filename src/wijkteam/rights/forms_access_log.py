"""The filter form of the log-wide access-log overview (query string, Dutch names)."""

import datetime
from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.models import User
from wijkteam.core.converters import ID_REGEX
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.constants import AccessAction
from wijkteam.rights.forms import _date_field
from wijkteam.rights.selectors_access_log import MAX_EXPORT_DAYS, LogFilters

MAX_WORDS = 5


class AccessLogFilterForm(forms.Form):
    van = _date_field(_("Vanaf"), required=False)
    tot = _date_field(_("Tot en met"), required=False)
    gebruiker = forms.CharField(
        label=_("Gebruikersnaam"),
        required=False,
        max_length=150,
        help_text=_("Precies zoals bij het inloggen."),
    )
    organisatie = forms.ChoiceField(label=_("Organisatie"), required=False, choices=())
    handeling = forms.ChoiceField(
        label=_("Handeling"),
        required=False,
        choices=[("", _("Alle handelingen")), *AccessAction.choices],
        error_messages={"invalid_choice": _("Kies een handeling uit de lijst.")},
    )
    doorbraak = forms.BooleanField(label=_("Alleen doorbraken (noodtoegang)"), required=False)
    inwoner = forms.CharField(
        label=_("Inwonernummer"),
        required=False,
        max_length=18,
        help_text=_("Het nummer van de inwoner; zoeken op naam kan hier niet."),
        validators=[RegexValidator(f"^{ID_REGEX}$", _("Vul een nummer in (alleen cijfers)."))],
    )
    doel = forms.CharField(
        label=_("Woorden in het doel"),
        required=False,
        max_length=100,
        help_text=_("Bijvoorbeeld: plan. Alle woorden moeten voorkomen."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = Organisation.objects.order_by("name").values_list("name", flat=True).distinct()
        field = self.fields["organisatie"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [("", _("Alle organisaties")), *((n, n) for n in names)]
        field.error_messages["invalid_choice"] = _("Kies een organisatie uit de lijst.")

    def clean_doel(self) -> tuple[str, ...]:
        words = tuple(dict.fromkeys(str(self.cleaned_data.get("doel") or "").split()))
        if len(words) > MAX_WORDS:
            raise forms.ValidationError(_("Zoek op ten hoogste %(n)s woorden.") % {"n": MAX_WORDS})
        return words

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start: datetime.date | None = data.get("van")
        end: datetime.date | None = data.get("tot")
        if start and end and end < start:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        username = data.get("gebruiker") or ""
        data["user_id"] = None
        if username:
            found = User.objects.filter(username=username).values_list("pk", flat=True).first()
            if found is None:
                self.add_error("gebruiker", _("Er is geen gebruiker met deze gebruikersnaam."))
            data["user_id"] = found
        return data

    def filters(self) -> LogFilters:
        """The filters of a valid form."""
        data = self.cleaned_data
        return LogFilters(
            date_from=data.get("van"),
            date_to=data.get("tot"),
            user_id=data.get("user_id"),
            organisation=data.get("organisatie") or "",
            action=data.get("handeling") or "",
            emergency_only=bool(data.get("doorbraak")),
            resident_id=int(data["inwoner"]) if data.get("inwoner") else None,
            purpose_words=data.get("doel") or (),
        )

    def export_problem(self) -> str | None:
        """Why the filtered period cannot be exported (``None`` when it can)."""
        start, end = self.cleaned_data.get("van"), self.cleaned_data.get("tot")
        if start is None or end is None:
            return str(_("Kies voor de download een periode met een begin- en einddatum."))
        if (end - start).days + 1 > MAX_EXPORT_DAYS:
            return str(
                _("Een download beslaat ten hoogste %(n)s dagen. Kies een kortere periode.")
                % {"n": MAX_EXPORT_DAYS}
            )
        return None

    def query(self) -> dict[str, str]:
        """The filters as a query string dict, for the page links (empty ones left out)."""
        return {
            name: value
            for name, value in ((k, self.data.get(k, "")) for k in self.fields if k in self.data)
            if value
        }
