"""Klachten (Awb chapter 9), bezwaren (Awb chapters 6 and 7) and the anonymous survey answers.

Complaints and objections hold personal data (the complainant, the grounds) and are part of
inzage and retention (``registrations.py``). A survey response holds no person at all: only
the team, the law and the month it was given in.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Case, Decision, TrackedTerm
from wijkteam.organisation.constants import Law
from wijkteam.organisation.models import Organisation, Team
from wijkteam.residents.models import Resident

from .constants import (
    SURVEY_QUESTION_KEYS,
    ComplaintOutcome,
    ComplaintStatus,
    ComplaintSubject,
    FilingChannel,
    ObjectionOutcome,
    ObjectionStatus,
)


class Complaint(models.Model):
    """A klacht about the team or a provider, with the Awb 9:11 term in ``due_on``."""

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="complaints")
    subject = models.CharField(_("klacht over"), max_length=20, choices=ComplaintSubject.choices)
    provider = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("aanbieder"),
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    resident = models.ForeignKey(
        Resident,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("klager"),
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=FilingChannel.choices)
    summary = models.TextField(_("de klacht"))
    received_on = models.DateField(_("ontvangen op"))
    committee = models.BooleanField(_("klachtadviescommissie"), default=False)
    due_on = models.DateField(_("afhandelen uiterlijk op"), db_index=True)
    extension_weeks = models.PositiveSmallIntegerField(
        _("verdaagd met (weken)"), null=True, blank=True
    )
    extension_reason = models.CharField(_("reden van verdaging"), max_length=250, blank=True)
    extension_notified_on = models.DateField(
        _("verdaging schriftelijk gemeld op"), null=True, blank=True
    )
    acknowledged_on = models.DateField(_("ontvangst bevestigd op"), null=True, blank=True)
    heard_on = models.DateField(_("klager gehoord op"), null=True, blank=True)
    hearing_waived_reason = models.CharField(
        _("reden om niet te horen"), max_length=250, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ComplaintStatus.choices,
        default=ComplaintStatus.RECEIVED,
    )
    outcome = models.CharField(
        _("oordeel"), max_length=20, choices=ComplaintOutcome.choices, blank=True
    )
    conclusion = models.TextField(_("conclusies en motivering"), blank=True)
    closed_on = models.DateField(_("afgehandeld op"), null=True, blank=True)
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("klacht")
        verbose_name_plural = _("klachten")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["team", "received_on"], name="complaint_team_recv_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject__in=ComplaintSubject.values), name="complaint_subject_valid"
            ),
            models.CheckConstraint(
                condition=Q(subject=ComplaintSubject.PROVIDER, provider__isnull=False)
                | Q(subject=ComplaintSubject.TEAM, provider__isnull=True),
                name="complaint_provider_iff_subject",
            ),
            models.CheckConstraint(
                condition=Q(extension_weeks__isnull=True)
                | Q(extension_weeks__gte=1, extension_weeks__lte=4),
                name="complaint_extension_max_4_weeks",
            ),
            models.CheckConstraint(
                condition=(
                    Q(status=ComplaintStatus.CLOSED, closed_on__isnull=False) & ~Q(outcome="")
                )
                | (~Q(status=ComplaintStatus.CLOSED) & Q(closed_on__isnull=True, outcome="")),
                name="complaint_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("received_on")),
                name="complaint_closed_after_received",
            ),
        ]

    def __str__(self) -> str:
        # No name and no text: the audit trail quotes this.
        return _("Klacht %(id)s") % {"id": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status != ComplaintStatus.CLOSED


class Objection(models.Model):
    """A bezwaar against a beschikking (``cases.Decision``); the decision term is a TrackedTerm."""

    decision = models.OneToOneField(
        Decision, on_delete=models.PROTECT, related_name="objection", verbose_name=_("besluit")
    )
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="objections")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="objections")
    law = models.CharField(_("wet"), max_length=10, choices=Law.choices)
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, related_name="objections", verbose_name=_("indiener")
    )
    channel = models.CharField(_("kanaal"), max_length=20, choices=FilingChannel.choices)
    grounds = models.TextField(_("gronden van het bezwaar"))
    received_on = models.DateField(_("ontvangen op"))
    filing_due_on = models.DateField(_("einde bezwaartermijn"))
    late = models.BooleanField(_("na de bezwaartermijn ingediend"), default=False)
    excusable_delay_note = models.TextField(
        _("waarom de termijnoverschrijding verschoonbaar is (Awb 6:11)"), blank=True
    )
    committee = models.BooleanField(_("adviescommissie bezwaarschriften"), default=False)
    term = models.OneToOneField(
        TrackedTerm, on_delete=models.PROTECT, related_name="objection", editable=False
    )
    heard_on = models.DateField(_("gehoord op"), null=True, blank=True)
    hearing_waived_reason = models.CharField(
        _("reden om niet te horen (Awb 7:3)"), max_length=250, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ObjectionStatus.choices,
        default=ObjectionStatus.RECEIVED,
    )
    outcome = models.CharField(
        _("beslissing op bezwaar"), max_length=20, choices=ObjectionOutcome.choices, blank=True
    )
    motivation = models.TextField(_("motivering"), blank=True)
    decided_on = models.DateField(_("beslist op"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revised_decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="revises_objection",
        verbose_name=_("herzien besluit"),
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("bezwaar")
        verbose_name_plural = _("bezwaren")
        ordering = ["received_on", "id"]
        indexes = [models.Index(fields=["team", "received_on"], name="objection_team_recv_idx")]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status=ObjectionStatus.DECIDED, decided_on__isnull=False) & ~Q(outcome="")
                )
                | (~Q(status=ObjectionStatus.DECIDED) & Q(decided_on__isnull=True, outcome="")),
                name="objection_decided_has_outcome",
            ),
            models.CheckConstraint(
                condition=Q(revised_decision__isnull=True)
                | Q(outcome__in=[ObjectionOutcome.GEGROND, ObjectionOutcome.DEELS_GEGROND]),
                name="objection_revision_only_when_granted",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True) | Q(decided_on__gte=models.F("received_on")),
                name="objection_decided_after_received",
            ),
        ]

    def __str__(self) -> str:
        return _("Bezwaar %(id)s") % {"id": self.pk}

    @property
    def is_open(self) -> bool:
        return self.status != ObjectionStatus.DECIDED


def _answer_field(key: str) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(key, null=True, blank=True)


class SurveyResponse(models.Model):
    """One anonymous answer to the cliëntervaringsonderzoek: never linked to a person.

    Only the team, the law and the month (``period``, its first day) are stored; no resident,
    no account, no time of day. Each question is answered 1–5 or left empty.
    """

    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    law = models.CharField(_("wet"), max_length=10, choices=Law.choices)
    period = models.DateField(_("maand"))
    q1 = _answer_field("q1")
    q2 = _answer_field("q2")
    q3 = _answer_field("q3")
    q4 = _answer_field("q4")
    q5 = _answer_field("q5")
    q6 = _answer_field("q6")
    q7 = _answer_field("q7")
    q8 = _answer_field("q8")
    q9 = _answer_field("q9")
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("antwoord cliëntervaringsonderzoek")
        verbose_name_plural = _("antwoorden cliëntervaringsonderzoek")
        indexes = [models.Index(fields=["period", "team"], name="survey_period_team_idx")]
        constraints = [
            *[
                models.CheckConstraint(
                    condition=Q(**{f"{key}__isnull": True})
                    | Q(**{f"{key}__gte": 1, f"{key}__lte": 5}),
                    name=f"survey_{key}_scale",
                )
                for key in SURVEY_QUESTION_KEYS
            ],
            models.CheckConstraint(condition=Q(period__day=1), name="survey_period_first_day"),
        ]

    def __str__(self) -> str:
        return f"{self.team_id} {self.period:%m-%Y}"
