"""Form helpers shared by the apps."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _


class VersionedFormMixin(forms.Form):
    """Carries the version the user saw, so the service can refuse a stale save."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            self.fields["expected_version"].initial = instance.version

    def clean_expected_version(self) -> int | None:
        value = self.cleaned_data.get("expected_version")
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk and value is None:
            raise forms.ValidationError(_("Het formulier mist zijn versie; open het opnieuw."))
        return value
