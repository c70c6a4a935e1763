"""Forms of the decision stage: aanvraag, besluit, bekendmaking. The services validate again."""

from collections.abc import Iterator
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from wijkteam.core import compiled
from wijkteam.core.direct_options import Select
from wijkteam.core.direct_render import DIRECT_RENDERER
from wijkteam.core.idempotency import IdempotentFormMixin
from wijkteam.organisation.constants import Law, ProductCategory
from wijkteam.residents.models import Resident

from .constants import DecisionOutcome, Frequency, LegalBasis, Unit
from .forms import DateInput
from .models import Case

UNKNOWN = _("Onbekende productcode/productcategorie: %(value)s.")


def _blank(choices: list[tuple[str, Any]]) -> list[tuple[str, Any]]:
    return [("", "---------"), *choices]


class ListChoiceField(forms.ChoiceField):
    """A ``ChoiceField`` whose copy per form shares its choices' tuples (issue 17, ``h-dec5``).

    Django's ``ChoiceField.__deepcopy__`` deep-copies the list of choices for every form
    built, lazy labels included (a third of building the aanvraag form). The choices are
    normalised ``(value, label)`` tuples of strings and lazy strings, none of which is ever
    changed in place; the copy gets a list of its own (so assigning or appending to one form's
    choices cannot reach another form's), holding the same tuples. Everything else is
    Django's copy (and a list of choices of any other kind is deep-copied as Django does)."""

    def __deepcopy__(self, memo: dict[int, Any]) -> Any:
        choices = self.__dict__.get("_choices")
        if type(choices) is not list:
            return getattr(super(), "__deepcopy__")(memo)  # noqa: B009 - not in the stubs
        result = getattr(forms.Field, "__deepcopy__")(self, memo)  # noqa: B009
        result._choices = list(choices)
        return result


def household_members(household_id: int) -> QuerySet[Resident]:
    """The aanvraag's choice of residents: the household's members by name."""
    return Resident.objects.filter(household_id=household_id).order_by("last_name", "first_name")


class _MemberIterator(ModelChoiceIterator):
    """``ModelChoiceIterator`` whose rows come from :func:`household_members` compiled once
    (``core/compiled.py``, ``h-dec5``): the same statement, so the same rows in the database's
    order; without ``members_of`` on the field, Django's own iteration of ``queryset``."""

    def __iter__(self) -> Iterator[Any]:
        household_id = getattr(self.field, "members_of", None)
        if household_id is None:
            yield from super().__iter__()
            return
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        key = "cases.decision_request.members"
        for obj in compiled.instances(key, household_members, [household_id]):
            yield self.choice(obj)


class HouseholdMemberField(forms.ModelChoiceField):
    """A ``ModelChoiceField`` of the case's household that takes a chosen resident from the
    members ``case_get`` already read in this request (``known``) instead of reading it again
    (issue 17, ``h-dec3``), and whose options (``members_of``) come from a statement compiled
    once (``h-dec5``): a plain id of a known member gives that member (the row
    ``queryset.get(pk=…)`` would give: same household, same columns); anything else goes to
    ``ModelChoiceField`` as before (its statement, its errors)."""

    known: dict[int, Resident]
    members_of: int | None = None  # the household whose members the options are (h-dec5)
    iterator = _MemberIterator

    def to_python(self, value: Any) -> Any:
        if type(value) is str and value.isascii() and value.isdigit():
            found = getattr(self, "known", {}).get(int(value))
            if found is not None:
                return found
        return super().to_python(value)


def _prefetched_members(case: Case) -> dict[int, Resident]:
    """The household's members when ``case_get`` prefetched them; else none (no new read)."""
    if not Case.household.is_cached(case):
        return {}
    cache = getattr(case.household, "_prefetched_objects_cache", {})
    members = cache.get("members")
    return {} if members is None else {r.pk: r for r in members}


class DecisionRequestForm(IdempotentFormMixin, forms.Form):
    # The same HTML as the templates (core/direct_render.py); the selects' ``<option>`` lines
    # written once per language and list of choices (core/direct_options.py, h-dec5).
    default_renderer = DIRECT_RENDERER
    resident = HouseholdMemberField(label=_("Aanvrager"), queryset=Resident.objects.none())
    law = ListChoiceField(label=_("Wet"), choices=_blank(Law.choices), widget=Select)
    product_category = ListChoiceField(
        label=_("Productcategorie"),
        choices=_blank(ProductCategory.choices),
        widget=Select,
        help_text=_("WMO020 (01–18) bij de Wmo, JZ020 (40–55) bij de Jeugdwet."),
        error_messages={"invalid_choice": UNKNOWN},
    )
    product_code = forms.CharField(
        label=_("Productcode"),
        max_length=5,
        required=False,
        help_text=_("Optioneel: de lokaal vastgestelde code van vijf letters of cijfers."),
    )
    volume = forms.DecimalField(label=_("Omvang"), max_digits=9, decimal_places=2, min_value=0)
    unit = ListChoiceField(label=_("Eenheid"), choices=_blank(Unit.choices), widget=Select)
    frequency = ListChoiceField(
        label=_("Frequentie"), choices=_blank(Frequency.choices), widget=Select
    )
    starts_on = forms.DateField(label=_("Ingangsdatum"), widget=DateInput())
    ends_on = forms.DateField(label=_("Einddatum"), widget=DateInput())
    budget = forms.DecimalField(
        label=_("Budget (euro)"), max_digits=11, decimal_places=2, required=False
    )
    requested_on = forms.DateField(label=_("Aanvraag ontvangen op"), widget=DateInput())

    def __init__(self, *args: Any, case: Case, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["resident"]
        assert isinstance(field, HouseholdMemberField)
        field.queryset = household_members(case.household_id)
        field.known = _prefetched_members(case)
        field.members_of = case.household_id  # the options from the compiled statement
        if case.law_track in Law.values:
            self.fields["law"].initial = case.law_track


class DecideForm(IdempotentFormMixin, forms.Form):
    default_renderer = DIRECT_RENDERER
    outcome = ListChoiceField(
        label=_("Besluit"), choices=DecisionOutcome.choices, widget=forms.RadioSelect
    )
    granted_volume = forms.DecimalField(
        label=_("Toegekende omvang"),
        max_digits=9,
        decimal_places=2,
        required=False,
        help_text=_("Alleen bij 'deels toegekend': de lagere omvang die u toekent."),
    )
    motivation = forms.CharField(
        label=_("Motivering"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Een besluit moet gemotiveerd zijn: schrijf de motivering.")},
    )
    legal_basis = ListChoiceField(
        label=_("Wettelijke grondslag"),
        choices=_blank(LegalBasis.choices),
        widget=Select,
        error_messages={
            "required": _("Een besluit zonder wettelijke grondslag kan niet: kies de grondslag.")
        },
    )
    deviates_from_protocol = forms.BooleanField(label=_("Wijkt af van protocol"), required=False)
    deviation_justification = forms.CharField(
        label=_("Onderbouwing van de afwijking"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht als u afwijkt van het protocol; wordt verantwoord."),
    )


class MadeKnownForm(forms.Form):
    default_renderer = DIRECT_RENDERER
    made_known_on = forms.DateField(
        label=_("Bekendgemaakt op"),
        widget=DateInput(),
        help_text=_("De dag waarop de beschikking is verzonden of uitgereikt."),
    )
