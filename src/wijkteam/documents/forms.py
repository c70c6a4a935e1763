"""The upload form. The checks of the file itself (kind by content, size, duplicates) are the
service's, so that every entry point refuses the same files with the same messages."""

import uuid
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Action, Decision
from wijkteam.residents.models import Resident

from . import filetypes
from .constants import DocumentType
from .selectors import UploadContext


class UploadForm(forms.Form):
    document_type = forms.ChoiceField(
        label=_("Soort document"),
        help_text=_(
            "Wie het document mag zien, hangt af van de soort. Een medische verklaring "
            "bijvoorbeeld ziet alleen wie de gezondheidsgegevens van de inwoner mag zien."
        ),
    )
    file = forms.FileField(
        label=_("Bestand"),
        help_text=_(
            "PDF, afbeelding (PNG, JPEG), Word of Excel (docx, xlsx) of OpenDocument (odt, "
            "ods), hoogstens %(max)s. Voeg geen kopie van een identiteitsbewijs toe."
        ),
        error_messages={
            "required": _("Kies een bestand."),
            "empty": _("Het bestand is leeg. Kies een bestand met inhoud."),
        },
        widget=forms.FileInput(attrs={"accept": filetypes.ACCEPT}),
    )
    description = forms.CharField(
        label=_("Omschrijving"),
        required=False,
        max_length=200,
        help_text=_("Bijvoorbeeld: brief van de huisarts over de mobiliteit."),
    )
    resident = forms.ModelChoiceField(
        label=_("Over wie gaat het document?"),
        queryset=Resident.objects.none(),
        required=False,
        empty_label=_("het hele huishouden"),
        help_text=_(
            "Gaat het over één inwoner, bijvoorbeeld een medische verklaring? Kies die inwoner. "
            "Dan krijgen de andere leden van het huishouden het niet bij een inzageverzoek."
        ),
    )
    action = forms.ModelChoiceField(
        label=_("Hoort bij een actie uit het plan"),
        queryset=Action.objects.none(),
        required=False,
        empty_label=_("geen"),
    )
    decision = forms.ModelChoiceField(
        label=_("Hoort bij een besluit"),
        queryset=Decision.objects.none(),
        required=False,
        empty_label=_("geen"),
    )
    upload_token = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, context: UploadContext, max_size: str, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("upload_token", uuid.uuid4())
        super().__init__(*args, **kwargs)
        labels = dict(DocumentType.choices)
        kinds = self.fields["document_type"]
        assert isinstance(kinds, forms.ChoiceField)
        kinds.choices = [("", _("Kies een soort"))] + [
            (value, labels[value]) for value in context.types
        ]
        self.fields["file"].help_text = self.fields["file"].help_text % {"max": max_size}
        for name, queryset in (
            ("resident", context.residents),
            ("action", context.actions),
            ("decision", context.decisions),
        ):
            field = self.fields[name]
            if queryset is None or not queryset.exists():
                del self.fields[name]
            else:
                assert isinstance(field, forms.ModelChoiceField)
                field.queryset = queryset
