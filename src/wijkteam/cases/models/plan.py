"""The plan: goals in the resident's words, actions with owners, every version kept."""

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import Organisation, Versioned
from wijkteam.socialmap.models import Service

from ..constants import (
    GOAL_TEXT_MAX,
    NOTE_MAX,
    ActionStatus,
    EvaluationOutcome,
    GoalStatus,
    OwnerKind,
)
from .assessment import InstrumentDomain
from .case import Case


class Plan(Versioned):
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="plan")
    discussed_on = models.DateField(_("besproken met de inwoner op"), null=True, blank=True)
    agreed_on = models.DateField(_("akkoord van de inwoner op"), null=True, blank=True)
    agreement_note = models.CharField(
        _("hoe is akkoord gegeven"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld: mondeling aan de keukentafel, getekend, via het portaal."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plannen")

    def __str__(self) -> str:
        return _("Plan van %s") % self.case.household


class Goal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey(
        InstrumentDomain,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("leefgebied"),
    )
    text = models.TextField(
        _("doel in de woorden van de inwoner"),
        max_length=GOAL_TEXT_MAX,
        validators=[MaxLengthValidator(GOAL_TEXT_MAX)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Action(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    goal = models.ForeignKey(
        Goal, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    description = models.CharField(_("actie"), max_length=250)
    owner_kind = models.CharField(_("wie"), max_length=30, choices=OwnerKind.choices)
    owner_name = models.CharField(
        _("naam van de eigenaar"),
        max_length=150,
        blank=True,
        help_text=_("Bij inwoner, netwerk of algemene voorziening: wie precies."),
    )
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("teamlid"),
    )
    owner_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aanbieder"),
    )
    service = models.ForeignKey(
        Service,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dienst van de sociale kaart"),
        help_text=_("Algemeen voor maatwerk: de voorziening die deze actie inzet."),
    )
    due_on = models.DateField(_("uiterlijk op"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(owner_kind="team") | Q(owner_user__isnull=False),
                name="action_team_owner_has_user",
            ),
            models.CheckConstraint(
                condition=~Q(owner_kind="aanbieder") | Q(owner_organisation__isnull=False),
                name="action_provider_owner_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.description


class PlanVersion(models.Model):
    """A snapshot after each change: what changed, who, when."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    changes = models.JSONField(default=list)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_unique")
        ]

    def __str__(self) -> str:
        return f"v{self.number}"


class Evaluation(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="evaluations")
    planned_on = models.DateField(_("gepland op"))
    held_on = models.DateField(_("gehouden op"), null=True, blank=True)
    outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=EvaluationOutcome.choices, blank=True
    )
    notes = models.TextField(
        _("toelichting"),
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
    )
    held_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["planned_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(held_on__isnull=True, outcome="")
                | (Q(held_on__isnull=False) & ~Q(outcome="")),
                name="evaluation_outcome_when_held",
            )
        ]
        indexes = [
            models.Index(fields=["held_on", "planned_on"], name="evaluation_due_idx"),
            models.Index(
                fields=["case"],
                condition=Q(held_on__isnull=True),
                name="evaluation_open_by_case_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.planned_on:%d-%m-%Y}"
