"""Answer values: their choices, their check (a Dutch message when out of range), how they read,
and how questions about the team's set-up map onto ``organisation.Team``.

A value is a string (open answer, one choice), a list of strings (more choices) or an integer
1–5 (scale); ``None``, ``""`` and ``[]`` mean: not answered.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from wijkteam.organisation.constants import Domain, Function, TargetGroup, TeamModel
from wijkteam.organisation.models import Team

from .constants import SCALE_LABELS, SCALE_MAX, SCALE_MIN, TEXT_MAX, AnswerKind, ConfigField
from .models import Question

CONFIG_CHOICES: dict[str, type[models.TextChoices]] = {
    ConfigField.MODEL: TeamModel,
    ConfigField.TARGET_GROUP: TargetGroup,
    ConfigField.TARGET_DOMAIN: Domain,
    ConfigField.FUNCTIONS: Function,
}


def choices_of(question: Question) -> list[tuple[str, str]]:
    """(value, label) of a choice question: the team's code lists for set-up questions."""
    if question.config_field:
        return [(str(v), str(label)) for v, label in CONFIG_CHOICES[question.config_field].choices]
    if question.kind == AnswerKind.SCALE:
        return [(str(v), str(label)) for v, label in SCALE_LABELS.items()]
    return [(str(o), str(o)) for o in question.options]


def is_empty(value: Any) -> bool:
    return value in (None, "", [])


def normalise(question: Question, raw: Any) -> Any:
    """The value to store for ``raw``, or a ValidationError naming what is wrong."""
    if is_empty(raw):
        return None
    allowed = {v for v, _label in choices_of(question)}
    if question.kind == AnswerKind.TEXT:
        text = str(raw).strip()
        if len(text) > TEXT_MAX:
            raise ValidationError(
                _("Het antwoord is te lang: ten hoogste %(max)s tekens.") % {"max": TEXT_MAX}
            )
        return text or None
    if question.kind == AnswerKind.SCALE:
        try:
            number = int(str(raw))
        except ValueError:
            number = 0
        if not SCALE_MIN <= number <= SCALE_MAX:
            raise ValidationError(
                _("Kies een waarde van %(min)s tot en met %(max)s.")
                % {"min": SCALE_MIN, "max": SCALE_MAX}
            )
        return number
    if question.kind == AnswerKind.CHOICE:
        if str(raw) not in allowed:
            raise ValidationError(_("'%s' is geen van de keuzes bij deze vraag.") % raw)
        return str(raw)
    values = [str(v) for v in (raw if isinstance(raw, list | tuple) else [raw])]
    wrong = [v for v in values if v not in allowed]
    if wrong:
        raise ValidationError(
            _("Geen keuze bij deze vraag: %s.") % ", ".join(f"'{v}'" for v in wrong)
        )
    order = [v for v, _label in choices_of(question)]
    return sorted(set(values), key=order.index)


def readable(question: Question, value: Any) -> str:
    """The answer as a reader sees it (labels, not codes)."""
    if is_empty(value):
        return ""
    labels = dict(choices_of(question))
    if question.kind == AnswerKind.TEXT:
        return str(value)
    if isinstance(value, list):
        return "; ".join(labels.get(str(v), str(v)) for v in value)
    return labels.get(str(value), str(value))


def team_value(team: Team, field: str) -> Any:
    """What the team's set-up says for a set-up question (the prefill)."""
    if field == ConfigField.FUNCTIONS:
        order = list(Function.values)
        return sorted(team.functions.values_list("function", flat=True), key=order.index)
    return getattr(team, field) or None


def same(a: Any, b: Any) -> bool:
    if isinstance(a, list) and isinstance(b, list):
        return sorted(a) == sorted(b)
    return (None if is_empty(a) else a) == (None if is_empty(b) else b)
