"""The team development plan: goals, actions with owner, date and status, reviews, history."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..constants import ActionStatus, PlanEventKind
from .design import TeamDesign


class DevelopmentGoal(models.Model):
    design = models.ForeignKey(TeamDesign, on_delete=models.CASCADE, related_name="goals")
    title = models.CharField(_("doel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("ontwikkeldoel")
        verbose_name_plural = _("ontwikkeldoelen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.title


class DevelopmentAction(models.Model):
    goal = models.ForeignKey(DevelopmentGoal, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("actie"), max_length=300)
    owner = models.CharField(
        _("eigenaar"), max_length=150, help_text=_("Wie zorgt dat het gebeurt.")
    )
    due_on = models.DateField(_("klaar op"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.GEPLAND
    )
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("ontwikkelactie")
        verbose_name_plural = _("ontwikkelacties")
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ActionStatus.values), name="development_action_status"
            )
        ]

    def __str__(self) -> str:
        return self.description


class PlanReview(models.Model):
    """A periodic discussion of the development plan, with the date of the next one."""

    design = models.ForeignKey(TeamDesign, on_delete=models.CASCADE, related_name="reviews")
    reviewed_on = models.DateField(_("besproken op"))
    summary = models.TextField(_("uitkomst"))
    next_review_on = models.DateField(_("volgende bespreking"))
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("bespreking ontwikkelplan")
        verbose_name_plural = _("besprekingen ontwikkelplan")
        ordering = ["-reviewed_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_review_on__gt=models.F("reviewed_on")),
                name="plan_review_next_after",
            )
        ]

    def __str__(self) -> str:
        return f"{self.design} {self.reviewed_on:%d-%m-%Y}"


class PlanEvent(models.Model):
    """The history of the plan: what changed, by whom, when (never edited)."""

    design = models.ForeignKey(TeamDesign, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=PlanEventKind.choices)
    subject = models.CharField(max_length=300)
    changes = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.subject}"

    @property
    def status_change(self) -> tuple[str, str] | None:
        """A status change as the labels the plan shows ("gepland" → "bezig"), else ``None``.
        A code no longer in the list shows as stored."""
        change = (self.changes or {}).get("status")
        if not change or len(change) != 2:
            return None
        labels = dict(ActionStatus.choices)
        return (str(labels.get(change[0], change[0])), str(labels.get(change[1], change[1])))
