from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.constants import SystemRole
from wijkteam.accounts.models import User
from wijkteam.core.forms import VersionedFormMixin

from .constants import Function, TeamRole
from .models import (
    District,
    MandateRule,
    Membership,
    Municipality,
    Neighbourhood,
    Organisation,
    Team,
)


def _choices(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    return field


class MunicipalityForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Municipality
        fields = ["name", "cbs_code"]


class DistrictForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = District
        fields = ["municipality", "name", "cbs_code"]


class NeighbourhoodForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Neighbourhood
        fields = ["district", "name", "cbs_code"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "district").queryset = District.objects.select_related("municipality")


class OrganisationForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = ["municipality", "name", "kind", "agb_code"]


class TeamForm(VersionedFormMixin, forms.ModelForm):
    functions = forms.MultipleChoiceField(
        label=_("Functies van het team"),
        choices=Function.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Team
        fields = [
            "municipality",
            "name",
            "model",
            "positioning",
            "target_group",
            "target_domain",
            "responsible_organisation",
            "assignment",
            "neighbourhoods",
            "protocol_deviation_allowed",
            "direct_specialist_deployment",
        ]
        widgets = {"neighbourhoods": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choices(self, "neighbourhoods").queryset = Neighbourhood.objects.select_related(
            "district__municipality"
        )
        _choices(self, "responsible_organisation").queryset = Organisation.objects.select_related(
            "municipality"
        )
        if self.instance.pk:
            self.fields["functions"].initial = list(
                self.instance.functions.values_list("function", flat=True)
            )


class MembershipForm(VersionedFormMixin, forms.ModelForm):
    roles = forms.MultipleChoiceField(
        label=_("Rollen in het team"),
        choices=TeamRole.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Kies ten minste één rol in het team.")},
    )

    class Meta:
        model = Membership
        fields = ["user", "organisation", "discipline", "roles", "active_from", "active_until"]
        widgets = {
            "active_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "active_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        error_messages = {
            "organisation": {"required": _("Kies de organisatie waar dit lid in dienst is.")},
        }

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.team = team
        _choices(self, "user").queryset = User.objects.filter(
            system_role=SystemRole.PROFESSIONAL, is_active=True
        ).order_by("last_name", "first_name")
        _choices(self, "organisation").queryset = Organisation.objects.filter(
            municipality_id=team.municipality_id
        )
        if self.instance.pk:
            self.fields["user"].disabled = True
            self.fields["roles"].initial = list(self.instance.roles.values_list("role", flat=True))


class MandateRuleForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = MandateRule
        fields = [
            "role",
            "decision_type",
            "product_category",
            "volume_alone",
            "volume_max",
            "weeks_alone",
            "weeks_max",
            "budget_alone",
            "budget_max",
        ]

    def __init__(self, *args: Any, team: Team, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.team = team


class DeleteForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
