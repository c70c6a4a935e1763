from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import Team, Versioned
from wijkteam.residents.models import Household

from ..constants import NOTE_MAX, CaseState, ClosureOutcome, LawTrack


class Case(Versioned):
    """One household, one plan, one coordinator (regisseur)."""

    household = models.ForeignKey(
        Household, on_delete=models.PROTECT, related_name="cases", verbose_name=_("huishouden")
    )
    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="cases", verbose_name=_("team")
    )
    law_track = models.CharField(_("wettelijk spoor"), max_length=20, choices=LawTrack.choices)
    state = models.CharField(
        _("fase"), max_length=20, choices=CaseState.choices, default=CaseState.AANGEMELD
    )
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="coordinated_cases",
        verbose_name=_("regisseur"),
    )
    client_supporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supported_cases",
        verbose_name=_("cliëntondersteuner"),
    )
    involved_members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="involved_cases",
        verbose_name=_("betrokken teamleden"),
    )
    opened_on = models.DateField(_("geopend op"))
    closed_on = models.DateField(_("afgesloten op"), null=True, blank=True)
    closure_reason = models.TextField(
        _("reden van afsluiten"),
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
    )
    closure_outcome = models.CharField(
        _("uitkomst"), max_length=20, choices=ClosureOutcome.choices, blank=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-opened_on", "-id"]
        indexes = [
            models.Index(fields=["team", "state"], name="case_team_state_idx"),
            models.Index(fields=["coordinator", "state"], name="case_coordinator_state_idx"),
            models.Index(fields=["team", "-opened_on", "-id"], name="case_caseload_idx"),
            # The open cases of a team or a regisseur (work queues): a few hundred of the
            # tens of thousands a team keeps over ten years.
            models.Index(
                fields=["team"], condition=~Q(state=CaseState.AFGESLOTEN), name="case_open_team_idx"
            ),
            models.Index(
                fields=["coordinator"],
                condition=~Q(state=CaseState.AFGESLOTEN),
                name="case_open_coordinator_idx",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=~Q(state=CaseState.AFGESLOTEN),
                name="case_one_open_per_household",
                violation_error_message=_(
                    "Dit huishouden heeft al een open casus: één gezin, één plan."
                ),
            ),
            models.CheckConstraint(
                condition=Q(state=CaseState.AFGESLOTEN, closed_on__isnull=False)
                | (~Q(state=CaseState.AFGESLOTEN) & Q(closed_on__isnull=True)),
                name="case_closed_on_matches_state",
            ),
            models.CheckConstraint(
                condition=Q(client_supporter__isnull=True)
                | ~Q(client_supporter=models.F("coordinator")),
                name="case_supporter_is_not_coordinator",
            ),
        ]

    def __str__(self) -> str:
        return _("Casus %(id)s – %(household)s") % {"id": self.pk, "household": self.household}

    @property
    def is_open(self) -> bool:
        return self.state != CaseState.AFGESLOTEN


class CaseTransition(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(max_length=20, choices=CaseState.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=CaseState.choices)
    at = models.DateTimeField(auto_now_add=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("toelichting"), max_length=250, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"


class CoordinatorAssignment(models.Model):
    """Who was regisseur when: the handover history."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="coordinator_history")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    handover_note = models.TextField(
        _("overdrachtsnotitie"),
        blank=True,
        max_length=NOTE_MAX,
        validators=[MaxLengthValidator(NOTE_MAX)],
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["started_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(ended_at__isnull=True),
                name="case_one_current_coordinator",
            )
        ]

    def __str__(self) -> str:
        return f"{self.coordinator} ({self.started_at:%d-%m-%Y})"
