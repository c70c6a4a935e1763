"""The message log, delivery events, provider requests (315/317) and doorzettingsmacht."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from wijkteam.cases.models import Allocation, Case
from wijkteam.organisation.models import Organisation
from wijkteam.residents.models import Resident

from .constants import (
    ChangeReason,
    DeliveryEventKind,
    DeploymentStatus,
    Direction,
    EscalationStatus,
    MessageStatus,
    MessageType,
    RefusalReason,
    RequestReason,
    RequestStatus,
    Standard,
    StopReason,
)


class Message(models.Model):
    """One message in or out, with its raw XML. Resident data: read only through selectors."""

    standard = models.CharField(_("standaard"), max_length=4, choices=Standard.choices)
    message_type = models.CharField(_("bericht"), max_length=3, choices=MessageType.choices)
    direction = models.CharField(_("richting"), max_length=3, choices=Direction.choices)
    status = models.CharField(_("status"), max_length=20, choices=MessageStatus.choices)
    message_id = models.CharField(_("berichtidentificatie"), max_length=40)
    sender = models.CharField(_("afzender"), max_length=20)
    receiver = models.CharField(_("ontvanger"), max_length=20)
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    resident = models.ForeignKey(
        Resident, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    in_reply_to = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="replies"
    )
    raw_xml = models.TextField(_("XML"))
    file_name = models.CharField(_("bestandsnaam"), max_length=200, blank=True)
    retour_codes = models.JSONField(_("retourcodes"), default=list, blank=True)
    # The RetourCodes of every block of a received retour (client, product, ...), not only the
    # header's: ``[{"block": "ToegewezenProduct", "key": "TW2026000001", "codes": ["0200"]}]``.
    retour_blocks = models.JSONField(_("retourcodes per blok"), default=list, blank=True)
    problems = models.JSONField(_("bevindingen"), default=list, blank=True)
    attempts = models.PositiveSmallIntegerField(_("pogingen"), default=0)
    last_error = models.CharField(_("laatste fout"), max_length=250, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        ordering = ["-created_at", "-id"]
        constraints = [
            # Duplicate message ids from one sender are refused (incoming) / never made (outgoing).
            models.UniqueConstraint(
                fields=["direction", "sender", "message_id"],
                condition=~Q(status=MessageStatus.AFGEKEURD),
                name="iwmo_message_unique_id",
            ),
        ]
        indexes = [models.Index(fields=["status", "direction"], name="iwmo_message_status_idx")]

    def __str__(self) -> str:
        return f"{self.message_type} {self.message_id}"


class AllocationLine(models.Model):
    """One ToegewezenProduct of an allocation as the provider knows it.

    Written from the first volume change on: line 1 carries the allocation's own
    ToewijzingNummer; a change of volume ends the current line (Einddatum, RedenWijziging) and
    adds the next with a new ToewijzingNummer (``<allocation_number>-<sequence>``), both in one
    301. An allocation without lines is the single line of its allocation number.
    """

    allocation = models.ForeignKey(Allocation, on_delete=models.PROTECT, related_name="+")
    sequence = models.PositiveSmallIntegerField(_("volgnummer"))
    number = models.CharField(_("toewijzingsnummer"), max_length=20, unique=True)
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2)
    change_reason = models.CharField(
        _("reden wijziging"), max_length=2, choices=ChangeReason.choices, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("toegewezen product")
        verbose_name_plural = _("toegewezen producten")
        ordering = ["allocation", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "sequence"], name="iwmo_allocation_line_sequence"
            ),
            models.CheckConstraint(condition=Q(volume__gt=0), name="iwmo_allocation_line_volume"),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="iwmo_allocation_line_dates",
            ),
        ]

    def __str__(self) -> str:
        return self.number


class DeliveryEvent(models.Model):
    """A start (305) or stop (307) of delivery on an allocation (one of its ToewijzingNummers)."""

    allocation = models.ForeignKey(
        Allocation, on_delete=models.CASCADE, related_name="delivery_events"
    )
    allocation_number = models.CharField(_("toewijzingsnummer"), max_length=20, blank=True)
    kind = models.CharField(_("soort"), max_length=5, choices=DeliveryEventKind.choices)
    on = models.DateField(_("datum"))
    stop_reason = models.CharField(
        _("reden beëindiging"), max_length=2, choices=StopReason.choices, blank=True
    )
    message = models.ForeignKey(Message, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["allocation", "allocation_number", "kind"], name="iwmo_delivery_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.on:%d-%m-%Y}"


class ProviderRequest(models.Model):
    """A 315 (verzoek om toewijzing) or 317 (verzoek om wijziging) in the team's queue."""

    message = models.OneToOneField(Message, on_delete=models.PROTECT, related_name="request")
    kind = models.CharField(_("soort"), max_length=3, choices=MessageType.choices)
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reference = models.CharField(_("referentie aanbieder"), max_length=20)
    # WJ758 RedenVerzoek of a 317 (empty for a 315).
    request_reason = models.CharField(
        _("reden verzoek"), max_length=1, choices=RequestReason.choices, blank=True
    )
    product_category = models.CharField(_("productcategorie"), max_length=2)
    product_code = models.CharField(_("productcode"), max_length=5, blank=True)
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2, null=True, blank=True)
    unit = models.CharField(_("eenheid"), max_length=2, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=1, blank=True)
    starts_on = models.DateField(_("ingangsdatum"))
    ends_on = models.DateField(_("einddatum"), null=True, blank=True)
    received_on = models.DateField(_("ontvangen op"))
    due_on = models.DateField(_("beantwoorden uiterlijk op"), db_index=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    answer_reason = models.CharField(_("reden"), max_length=250, blank=True)
    # WJ759 RedenAfwijzingVerzoek written in the 319 of a refusal.
    refusal_code = models.CharField(
        _("reden afwijzing (WJ759)"), max_length=1, choices=RefusalReason.choices, blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_allocation = models.ForeignKey(
        Allocation, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the team told the provider "aanvraag in onderzoek" (319, VerzoekAntwoord 2): the
    # request stays open with its answer term.
    investigation_sent_at = models.DateTimeField(_("in onderzoek gemeld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("verzoek van een aanbieder")
        verbose_name_plural = _("verzoeken van aanbieders")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=RequestStatus.OPEN) | Q(answered_by__isnull=False),
                name="iwmo_request_answered_by",
            ),
            models.CheckConstraint(
                condition=~Q(status=RequestStatus.AFGEWEZEN) | ~Q(answer_reason=""),
                name="iwmo_request_refusal_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.reference}"


class SpecialistDeployment(models.Model):
    """Doorzettingsmacht: a second-line specialist deployed directly from the case."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("aanbieder")
    )
    product_category = models.CharField(_("productcategorie"), max_length=2)
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=2)
    frequency = models.CharField(_("frequentie"), max_length=1)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("einde"))
    reason = models.TextField(_("reden"))
    deployed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    deployed_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DeploymentStatus.choices,
        default=DeploymentStatus.LOOPT,
    )
    stopped_on = models.DateField(_("gestopt op"), null=True, blank=True)
    stop_reason = models.CharField(_("reden van stoppen"), max_length=250, blank=True)
    stopped_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # When the stop was recorded (``stopped_on`` is the day the deployment ends), for the
    # case timeline.
    stopped_at = models.DateTimeField(_("gestopt (vastgelegd)"), null=True, blank=True)

    class Meta:
        verbose_name = _("directe inzet specialist")
        verbose_name_plural = _("directe inzet specialisten")
        ordering = ["-deployed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="iwmo_deployment_period"
            ),
            models.CheckConstraint(
                condition=Q(status=DeploymentStatus.LOOPT)
                | (Q(stopped_on__isnull=False) & ~Q(stop_reason="")),
                name="iwmo_deployment_stopped_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_category} {self.starts_on:%d-%m-%Y}"


class Escalation(models.Model):
    """Where the mandate does not reach: the question to the teamleider, with an answer term."""

    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    provider = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="+", verbose_name=_("aanbieder")
    )
    product_category = models.CharField(_("productcategorie"), max_length=2)
    volume = models.DecimalField(_("omvang"), max_digits=9, decimal_places=2)
    unit = models.CharField(_("eenheid"), max_length=2)
    frequency = models.CharField(_("frequentie"), max_length=1)
    starts_on = models.DateField(_("start"))
    ends_on = models.DateField(_("einde"))
    reason = models.TextField(_("reden"))
    mandate_note = models.CharField(_("waarom het mandaat niet reikt"), max_length=250)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField(_("antwoord uiterlijk op"))
    status = models.CharField(
        _("status"), max_length=10, choices=EscalationStatus.choices, default=EscalationStatus.OPEN
    )
    answer = models.TextField(_("antwoord"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    deployment = models.OneToOneField(
        SpecialistDeployment, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("escalatie naar de teamleider")
        verbose_name_plural = _("escalaties naar de teamleider")
        ordering = ["due_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status=EscalationStatus.OPEN)
                | (~Q(answer="") & Q(answered_by__isnull=False)),
                name="iwmo_escalation_answered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product_category} {self.due_on:%d-%m-%Y}"
