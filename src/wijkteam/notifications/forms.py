from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .constants import EmailFrequency, NotificationKind

PREFIX = "email_"


class PreferencesForm(forms.Form):
    """One choice per kind of notification: how often an e-mail about it."""

    def __init__(self, *args: Any, initial_map: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind, label in NotificationKind.choices:
            self.fields[PREFIX + kind] = forms.ChoiceField(
                label=label,
                choices=EmailFrequency.choices,
                initial=initial_map.get(kind),
                widget=forms.RadioSelect,
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        unknown = sorted(
            key.removeprefix(PREFIX)
            for key in (self.data or {})
            if key.startswith(PREFIX) and key.removeprefix(PREFIX) not in NotificationKind.values
        )
        if unknown:
            raise ValidationError(
                _("Onbekende soort notificatie: %s.") % ", ".join(k[:50] for k in unknown)
            )
        return cleaned

    def choices_by_kind(self) -> dict[str, str]:
        return {
            name.removeprefix(PREFIX): value
            for name, value in self.cleaned_data.items()
            if name.startswith(PREFIX)
        }
