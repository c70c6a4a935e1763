"""The building-blocks questionnaire: the question bank (data) and the answers per version."""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import Municipality, Team

from ..constants import DEFAULT_REVIEW_MONTHS, AnswerKind, Block, ConfigField


class Question(models.Model):
    """One question of the bank. Dutch text as data: the functioneel beheerder edits it."""

    block = models.CharField(_("bouwsteen"), max_length=20, choices=Block.choices)
    code = models.SlugField(_("code"), max_length=60, unique=True)
    topic = models.CharField(
        _("onderwerp"), max_length=100, blank=True, help_text=_("Bijvoorbeeld Breedte of Diepte.")
    )
    text = models.TextField(_("vraag"))
    help_text = models.TextField(_("toelichting"), blank=True)
    kind = models.CharField(_("soort antwoord"), max_length=20, choices=AnswerKind.choices)
    options = models.JSONField(
        _("keuzes"), default=list, blank=True, help_text=_("Alleen bij een keuzevraag.")
    )
    config_field = models.CharField(
        _("hoort bij de inrichting"), max_length=20, choices=ConfigField.choices, blank=True
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("in gebruik"), default=True)

    class Meta:
        verbose_name = _("vraag")
        verbose_name_plural = _("vragen")
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(block__in=Block.values), name="question_block"),
            models.CheckConstraint(condition=Q(kind__in=AnswerKind.values), name="question_kind"),
            models.UniqueConstraint(
                fields=["config_field"],
                condition=~Q(config_field=""),
                name="question_one_per_config_field",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class TeamDesign(models.Model):
    """The design of one team, also of a team still being planned (then only a name)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    team = models.OneToOneField(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="design",
        verbose_name=_("team"),
    )
    planned_name = models.CharField(_("naam van het geplande team"), max_length=100, blank=True)
    review_months = models.PositiveSmallIntegerField(
        _("ontwikkelplan bespreken elke (maanden)"), default=DEFAULT_REVIEW_MONTHS
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("teamontwerp")
        verbose_name_plural = _("teamontwerpen")
        constraints = [
            models.CheckConstraint(
                condition=Q(team__isnull=False) | ~Q(planned_name=""),
                name="design_team_or_planned_name",
            ),
            models.UniqueConstraint(
                fields=["municipality", "planned_name"],
                condition=~Q(planned_name=""),
                name="design_planned_name_unique",
            ),
            models.CheckConstraint(
                condition=Q(review_months__gte=1) & Q(review_months__lte=24),
                name="design_review_months_range",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.team.name if self.team_id and self.team else self.planned_name


class Answer(models.Model):
    """One version of the answer to one question; the newest version counts."""

    design = models.ForeignKey(TeamDesign, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    version = models.PositiveIntegerField(_("versie"))
    value: Any = models.JSONField(_("antwoord"), null=True, blank=True)
    note = models.TextField(_("toelichting"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("antwoord")
        verbose_name_plural = _("antwoorden")
        ordering = ["question__order", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["design", "question", "version"], name="answer_version_unique"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="answer_version_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.question.code} v{self.version}"

    @property
    def is_empty(self) -> bool:
        return self.value in (None, "", [])
