"""The journal form: one contact moment. The hidden ``idempotency_key`` makes a form sent twice
one entry; the hidden ``version`` refuses a stale correction."""

import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import JOURNAL_NOTE_MAX, JOURNAL_WITH_WHOM_MAX, JournalKind
from .forms import DateInput


class JournalEntryForm(forms.Form):
    occurred_on = forms.DateField(
        label=_("Datum van het contact"), widget=DateInput(), help_text=_("Vandaag of eerder.")
    )
    kind = forms.ChoiceField(
        label=_("Soort contact"), choices=JournalKind.choices, widget=forms.RadioSelect
    )
    with_whom = forms.CharField(
        label=_("Met wie"),
        max_length=JOURNAL_WITH_WHOM_MAX,
        help_text=_("Bijvoorbeeld: mevrouw zelf, de dochter, de huisarts, de woningcorporatie."),
    )
    note = forms.CharField(
        label=_("Notitie"),
        max_length=JOURNAL_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Wat is besproken of afgesproken. Ten hoogste %(max)s tekens.")
        % {"max": JOURNAL_NOTE_MAX},
    )
    category = forms.ChoiceField(
        label=_("Soort gegevens"),
        help_text=_(
            "Bepaalt wie de notitie ziet: medewerkers van een andere organisatie alleen met "
            "toestemming van de inwoner voor deze soort gegevens."
        ),
    )
    idempotency_key = forms.UUIDField(widget=forms.HiddenInput, required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)

    def __init__(self, *args: object, categories: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        category = self.fields["category"]
        assert isinstance(category, forms.ChoiceField)
        category.choices = categories
        if not self.is_bound and "occurred_on" not in self.initial:
            self.initial["occurred_on"] = timezone.localdate()
        if not self.is_bound and "idempotency_key" not in self.initial:
            self.initial["idempotency_key"] = uuid.uuid4()
