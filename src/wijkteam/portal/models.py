"""What the portal itself records: the details of a melding made in the portal, the
resident's answer to their plan (with the plan version it is about) and the messages between
the household and the team."""

import uuid
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Case, Plan, Report
from wijkteam.documents.storage import remove_files_on_commit
from wijkteam.residents.models import Resident
from wijkteam.residents.validators import validate_phone

from .constants import (
    MESSAGE_MAX,
    AgreementChoice,
    ContactPreference,
    MessageDirection,
    RepresentationBasis,
)


class PortalReport(models.Model):
    """How the resident wants to be contacted and which life domains they named."""

    report = models.OneToOneField(Report, on_delete=models.CASCADE, related_name="portal_detail")
    contact_preference = models.CharField(
        _("hoe wilt u contact"), max_length=20, choices=ContactPreference.choices
    )
    contact_value = models.CharField(_("telefoon of e-mail"), max_length=150, blank=True)
    domains = models.JSONField(_("levensgebieden"), default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("melding via Mijn wijkteam")
        verbose_name_plural = _("meldingen via Mijn wijkteam")

    def __str__(self) -> str:
        return f"portaal {self.report_id}"


class PlanAgreement(models.Model):
    """The resident agreed (or not) to one version of the plan; the team sees it."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="portal_agreements")
    plan_version = models.PositiveIntegerField(_("versie van het plan"))
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="plan_agreements")
    choice = models.CharField(_("antwoord"), max_length=20, choices=AgreementChoice.choices)
    comment = models.TextField(_("toelichting"), blank=True, max_length=2000)
    at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        verbose_name = _("akkoord op het plan")
        verbose_name_plural = _("akkoorden op het plan")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "plan_version", "resident"], name="portal_one_answer_per_version"
            ),
            models.CheckConstraint(
                condition=models.Q(choice="akkoord") | ~models.Q(comment=""),
                name="portal_disagreement_says_why",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.plan_version}: {self.choice}"


class Message(models.Model):
    """One message in the secure thread of a case between the household and the team.

    A message from the resident names the resident (``resident``); one from the team names the
    member who wrote it (``author``). ``read_at`` is the read receipt: when the other side first
    opened the thread after the message arrived (the team sees both).
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="portal_messages")
    direction = models.CharField(_("van"), max_length=10, choices=MessageDirection.choices)
    resident = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="portal_messages",
        verbose_name=_("inwoner"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("medewerker"),
    )
    body = models.TextField(_("bericht"), max_length=MESSAGE_MAX)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)
    read_at = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    submission_token = models.UUIDField(null=True, blank=True, unique=True, editable=False)

    class Meta:
        verbose_name = _("bericht via Mijn wijkteam")
        verbose_name_plural = _("berichten via Mijn wijkteam")
        ordering = ["sent_at", "id"]
        indexes = [
            models.Index(fields=["case", "sent_at"], name="portal_message_case_idx"),
            models.Index(fields=["resident", "sent_at"], name="portal_message_flood_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~models.Q(body=""), name="portal_message_not_empty"),
            models.CheckConstraint(
                condition=models.Q(
                    direction=MessageDirection.INWONER,
                    resident__isnull=False,
                    author__isnull=True,
                )
                | models.Q(direction=MessageDirection.TEAM, author__isnull=False),
                name="portal_message_sender_matches_direction",
            ),
        ]

    def __str__(self) -> str:
        # no text: the audit trail quotes this
        return f"bericht {self.pk} ({self.direction})"


class MessageAttachmentQuerySet(models.QuerySet["MessageAttachment"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        """Delete the rows and, when the transaction commits, their stored files (retention
        destroys a case's attachments through this queryset, before its messages)."""
        names = list(self.values_list("stored_name", flat=True))
        result = super().delete()
        remove_files_on_commit(names)
        return result


class MessageAttachment(models.Model):
    """The one file sent along with a message; the file itself is in the documents' private
    storage under a random name, checked by content like a case document."""

    message = models.OneToOneField(
        Message, on_delete=models.CASCADE, related_name="attachment", verbose_name=_("bericht")
    )
    original_name = models.CharField(_("bestandsnaam"), max_length=200)
    content_type = models.CharField(_("bestandstype"), max_length=100)
    size = models.PositiveBigIntegerField(_("grootte in bytes"))
    sha256 = models.CharField(_("controlegetal (SHA-256)"), max_length=64)
    stored_name = models.CharField(_("opslagnaam"), max_length=100, unique=True, editable=False)

    objects = MessageAttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("bijlage bij een bericht")
        verbose_name_plural = _("bijlagen bij berichten")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(size__gt=0), name="portal_attachment_size_positive"
            )
        ]

    def __str__(self) -> str:
        return f"bijlage {self.pk} bij bericht {self.message_id}"  # no file name: audit quotes it

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        name = self.stored_name
        result = super().delete(*args, **kwargs)
        remove_files_on_commit([name])
        return result


class SurveyParticipation(models.Model):
    """That a resident answered the cliëntervaringsonderzoek about a case: nothing more.

    The answer itself is a ``complaints.SurveyResponse`` without any person. To keep the two
    from being matched, this row has a random key and no time: its order says nothing about
    the order of the answers.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, related_name="survey_participations"
    )

    class Meta:
        verbose_name = _("deelname aan het cliëntervaringsonderzoek")
        verbose_name_plural = _("deelnames aan het cliëntervaringsonderzoek")
        constraints = [
            models.UniqueConstraint(fields=["case", "resident"], name="portal_survey_once_per_case")
        ]

    def __str__(self) -> str:
        return f"deelname {self.case_id}"


class Representation(models.Model):
    """Someone who may act for a resident in the portal, recorded by the team.

    The representative is known by the BSN they log in with (DigiD), and need not be a resident
    known to the teams. A parent's authority (``gezag``) ends when the child turns 18.
    """

    represented = models.ForeignKey(
        Resident,
        on_delete=models.CASCADE,
        related_name="representations",
        verbose_name=_("vertegenwoordigde inwoner"),
    )
    representative_bsn = models.CharField(_("BSN van de vertegenwoordiger"), max_length=9)
    representative_name = models.CharField(_("naam van de vertegenwoordiger"), max_length=150)
    # How the representative is reached (optional; the same rules as Resident.phone/email);
    # sent to the provider in the 301's Relatie/Contact (docs/iwmo.md).
    phone = models.CharField(
        _("telefoon van de vertegenwoordiger"),
        max_length=30,
        blank=True,
        validators=[validate_phone],
    )
    email = models.EmailField(_("e-mailadres van de vertegenwoordiger"), blank=True)
    basis = models.CharField(_("grondslag"), max_length=20, choices=RepresentationBasis.choices)
    valid_from = models.DateField(_("geldig vanaf"))
    valid_until = models.DateField(_("geldig tot en met"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("wettelijke vertegenwoordiging")
        verbose_name_plural = _("wettelijke vertegenwoordigingen")
        ordering = ["represented_id", "-valid_from", "-pk"]
        indexes = [models.Index(fields=["representative_bsn"], name="portal_repr_bsn_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(basis__in=RepresentationBasis.values),
                name="portal_representation_basis_valid",
            ),
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="portal_representation_period_order",
            ),
        ]

    def __str__(self) -> str:
        return f"vertegenwoordiging {self.pk} ({self.basis})"
