"""Forms of the team design, the development plan and the CBS upload; messages in Dutch."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import Team

from . import answers
from .constants import NOTE_MAX, TEXT_MAX, ActionStatus, AnswerKind, Block
from .selectors.design import QuestionView

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class StartForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"),
        queryset=Team.objects.none(),
        required=False,
        empty_label=_("(gepland team)"),
    )
    planned_name = forms.CharField(
        label=_("Naam van het geplande team"),
        max_length=100,
        required=False,
        help_text=_("Alleen voor een team dat nog niet bestaat."),
    )

    def __init__(self, *args: Any, teams: QuerySet[Team], planned: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams
        if not planned:
            del self.fields["planned_name"]
            field.required = True
            field.empty_label = None


class BlockForm(forms.Form):
    """One field per question (``q<pk>``) and its note (``n<pk>``)."""

    def __init__(self, *args: Any, questions: list[QuestionView], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.views = questions
        for view in questions:
            q = view.question
            label = q.text
            help_text = q.help_text
            if view.prefilled:
                prefilled = str(_("Ingevuld uit de inrichting van het team."))
                help_text = f"{help_text} {prefilled}".strip()
            choices = answers.choices_of(q)
            field: forms.Field
            if q.kind == AnswerKind.TEXT:
                field = forms.CharField(
                    widget=forms.Textarea(attrs={"rows": 3}), max_length=TEXT_MAX
                )
            elif q.kind == AnswerKind.MULTI:
                field = forms.MultipleChoiceField(
                    choices=choices, widget=forms.CheckboxSelectMultiple
                )
            else:
                field = forms.ChoiceField(
                    choices=choices if q.kind == AnswerKind.SCALE else [("", "—"), *choices],
                    widget=forms.RadioSelect if q.kind == AnswerKind.SCALE else forms.Select,
                )
            field.label, field.help_text, field.required = label, help_text, False
            value = view.value
            field.initial = [str(v) for v in value] if isinstance(value, list) else value
            self.fields[f"q{q.pk}"] = field
            self.fields[f"n{q.pk}"] = forms.CharField(
                label=_("Toelichting bij deze vraag"),
                required=False,
                max_length=NOTE_MAX,
                initial=view.answer.note if view.answer else "",
                widget=forms.TextInput,
            )

    def values(self) -> dict[int, tuple[Any, str]]:
        return {
            v.question.pk: (
                self.cleaned_data.get(f"q{v.question.pk}"),
                self.cleaned_data.get(f"n{v.question.pk}", ""),
            )
            for v in self.views
        }

    def pairs(self) -> list[tuple[str, list[tuple[forms.BoundField, forms.BoundField]]]]:
        """(topic, [(answer field, note field)]) in the order of the bank."""
        grouped: list[tuple[str, list[tuple[forms.BoundField, forms.BoundField]]]] = []
        for v in self.views:
            topic = v.question.topic
            if not grouped or grouped[-1][0] != topic:
                grouped.append((topic, []))
            grouped[-1][1].append((self[f"q{v.question.pk}"], self[f"n{v.question.pk}"]))
        return grouped


class LinkForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Het team bestaat nu"), queryset=Team.objects.none())

    def __init__(self, *args: Any, teams: QuerySet[Team], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams


class ApplyForm(forms.Form):
    expected_version = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Ja, pas de inrichting van het team aan zoals hierboven staat"), required=True
    )


class QuestionForm(forms.Form):
    block = forms.ChoiceField(label=_("Bouwsteen"), choices=Block.choices)
    topic = forms.CharField(label=_("Onderwerp"), max_length=100, required=False)
    text = forms.CharField(label=_("Vraag"), widget=forms.Textarea(attrs={"rows": 3}))
    help_text = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    kind = forms.ChoiceField(label=_("Soort antwoord"), choices=AnswerKind.choices)
    options = forms.CharField(
        label=_("Keuzes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Alleen bij een keuzevraag: elke keuze op een eigen regel."),
    )
    order = forms.IntegerField(label=_("Volgorde"), min_value=0, max_value=32000)
    active = forms.BooleanField(label=_("In gebruik"), required=False)


class GoalForm(forms.Form):
    title = forms.CharField(label=_("Doel"), max_length=200)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Actie"), max_length=300)
    owner = forms.CharField(label=_("Eigenaar"), max_length=150)
    due_on = forms.DateField(label=_("Klaar op"), widget=DATE)


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    expected_version = forms.IntegerField(widget=forms.HiddenInput)


class ReviewForm(forms.Form):
    reviewed_on = forms.DateField(label=_("Besproken op"), widget=DATE)
    summary = forms.CharField(
        label=_("Uitkomst van de bespreking"), widget=forms.Textarea(attrs={"rows": 3})
    )
    next_review_on = forms.DateField(
        label=_("Volgende bespreking"),
        widget=DATE,
        required=False,
        help_text=_("Leeg: over het aantal maanden dat voor dit team is ingesteld."),
    )


class CbsUploadForm(forms.Form):
    file = forms.FileField(label=_("CBS-bestand (CSV)"))
    year = forms.IntegerField(label=_("Jaar van de cijfers"), min_value=1990, max_value=2100)
    dry_run = forms.BooleanField(
        label=_("Alleen controleren (niets opslaan)"), required=False, initial=True
    )
