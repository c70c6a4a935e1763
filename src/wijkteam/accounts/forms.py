from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.core.forms import VersionedFormMixin

from .constants import SystemRole
from .models import User


def _hide_system_accounts(form: forms.ModelForm) -> None:
    """A beheerder never makes a system account: that kind is for the application itself."""
    field = form.fields["system_role"]
    field.choices = [  # type: ignore[attr-defined]
        c
        for c in field.choices  # type: ignore[attr-defined]
        if c[0] != SystemRole.SYSTEEM
    ]


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    otp_token = forms.RegexField(
        label=_("Code uit uw authenticator-app"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("Vul de 6 cijfers in die uw app nu toont.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]{6}"}
        ),
    )


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(
        label=_("Eerste wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_(
            "Minstens 12 tekens. Geef het veilig door; bij de eerste keer inloggen stelt de "
            "gebruiker een tweede factor in."
        ),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _hide_system_accounts(self)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "system_role"]
        labels = {
            "username": _("Gebruikersnaam"),
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "email": _("E-mailadres"),
        }


class UserUpdateForm(VersionedFormMixin, forms.ModelForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _hide_system_accounts(self)

    class Meta:
        model = User
        fields = ["username", "first_name", "last_name", "email", "system_role", "is_active"]
        labels = {
            "username": _("Gebruikersnaam"),
            "first_name": _("Voornaam"),
            "last_name": _("Achternaam"),
            "email": _("E-mailadres"),
            "is_active": _("Account actief"),
        }
