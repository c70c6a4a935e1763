"""Residents, households and the informal network."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import Municipality, Neighbourhood, Versioned

from .constants import (
    CARER_AT_RISK,
    CarerFollowUpKind,
    CarerLoad,
    HouseholdRelation,
    NetworkRelation,
)
from .validators import (
    mask_bsn,
    validate_bsn,
    validate_house_number,
    validate_phone,
    validate_postcode,
)


class Household(Versioned):
    """One household: the unit of one plan and one coordinator."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="households"
    )
    name = models.CharField(
        _("naam"), max_length=150, help_text=_("Bijvoorbeeld: huishouden De Vries.")
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("huishouden")
        verbose_name_plural = _("huishoudens")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Resident(Versioned):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="residents"
    )
    household = models.ForeignKey(
        Household,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("huishouden"),
    )
    household_relation = models.CharField(
        _("rol in het huishouden"), max_length=20, choices=HouseholdRelation.choices
    )
    bsn = models.CharField(
        _("BSN"),
        max_length=9,
        blank=True,
        db_index=True,
        validators=[validate_bsn],
        help_text=_("Optioneel. Wordt gecontroleerd met de elfproef en afgeschermd getoond."),
    )
    first_name = models.CharField(_("voornaam"), max_length=100)
    name_prefix = models.CharField(_("tussenvoegsel"), max_length=20, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=100, db_index=True)
    date_of_birth = models.DateField(_("geboortedatum"))
    street = models.CharField(_("straat"), max_length=150, blank=True)
    house_number = models.CharField(
        _("huisnummer"), max_length=12, blank=True, validators=[validate_house_number]
    )
    postcode = models.CharField(
        _("postcode"), max_length=6, blank=True, db_index=True, validators=[validate_postcode]
    )
    city = models.CharField(_("woonplaats"), max_length=100, blank=True)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="residents",
        verbose_name=_("buurt"),
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True, validators=[validate_phone])
    email = models.EmailField(_("e-mailadres"), blank=True)
    interpreter_language = models.CharField(
        _("tolk nodig in"), max_length=50, blank=True, help_text=_("Leeg: geen tolk nodig.")
    )
    plain_language = models.BooleanField(_("eenvoudige taal"), default=False)
    communication_notes = models.CharField(
        _("andere communicatiebehoeften"), max_length=250, blank=True
    )
    intake_team = models.ForeignKey(
        "organisation.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geregistreerd door team"),
        help_text=_("Het team dat de inwoner registreerde, ziet hem ook zonder melding of casus."),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("inwoner")
        verbose_name_plural = _("inwoners")
        ordering = ["last_name", "first_name"]
        indexes = [
            models.Index(fields=["last_name", "first_name"], name="resident_name_idx"),
            models.Index(fields=["date_of_birth", "postcode"], name="resident_dob_postcode_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "bsn"], condition=~Q(bsn=""), name="resident_bsn_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.name_prefix, self.last_name) if p)

    @property
    def masked_bsn(self) -> str:
        return mask_bsn(self.bsn)

    @property
    def age(self) -> int:
        today = timezone.localdate()
        born = self.date_of_birth
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            errors["date_of_birth"] = _("De geboortedatum kan niet in de toekomst liggen.")
        if self.date_of_birth and self.date_of_birth < datetime.date(1900, 1, 1):
            errors["date_of_birth"] = _("Controleer de geboortedatum: die ligt vóór 1900.")
        if (
            self.household_id
            and self.municipality_id
            and self.household.municipality_id != self.municipality_id
        ):
            errors["household"] = _("Het huishouden hoort bij een andere gemeente.")
        if errors:
            raise ValidationError(errors)


class NetworkMember(Versioned):
    """Someone in the informal network of a household: mantelzorger, neighbour, volunteer."""

    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="network", verbose_name=_("huishouden")
    )
    name = models.CharField(_("naam"), max_length=150)
    relation = models.CharField(_("relatie"), max_length=20, choices=NetworkRelation.choices)
    supports = models.ForeignKey(
        Resident,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="supporters",
        verbose_name=_("ondersteunt"),
    )
    phone = models.CharField(_("telefoon"), max_length=30, blank=True, validators=[validate_phone])
    what_they_do = models.CharField(_("wat doet deze persoon"), max_length=250, blank=True)
    load = models.PositiveSmallIntegerField(
        _("belasting"), choices=CarerLoad.choices, default=CarerLoad.LICHT
    )
    load_assessed_on = models.DateField(_("belasting bepaald op"), null=True, blank=True)

    class Meta:
        verbose_name = _("lid van het netwerk")
        verbose_name_plural = _("informeel netwerk")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(load__gte=1) & Q(load__lte=4), name="network_load_range"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_relation_display()})"

    @property
    def at_risk(self) -> bool:
        return self.load >= CARER_AT_RISK


class CarerFollowUp(models.Model):
    """What was done for an informal carer at risk of overload: a kind from a list and a date,
    no free text (the monitoring counts these per kind). A follow-up on or after the day the
    load was assessed takes the carer off the work queue."""

    network_member = models.ForeignKey(
        NetworkMember,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("mantelzorger"),
    )
    kind = models.CharField(_("soort opvolging"), max_length=30, choices=CarerFollowUpKind.choices)
    done_on = models.DateField(_("datum"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opvolging van een mantelzorger")
        verbose_name_plural = _("opvolging van mantelzorgers")
        ordering = ["-done_on", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["network_member", "kind", "done_on"], name="carer_follow_up_once_a_day"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=CarerFollowUpKind.values), name="carer_follow_up_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.done_on:%d-%m-%Y}"


def followed_up() -> models.Exists:
    """For a network member (``OuterRef("pk")``): is a follow-up recorded on or after the day
    the load was assessed (any follow-up when that day is not known)?"""
    return models.Exists(
        CarerFollowUp.objects.filter(network_member=models.OuterRef("pk")).filter(
            Q(network_member__load_assessed_on__isnull=True)
            | Q(done_on__gte=models.F("network_member__load_assessed_on"))
        )
    )


def carers_awaiting_follow_up() -> "models.QuerySet[NetworkMember]":
    """Network members at risk of overload (``CARER_AT_RISK``) without a follow-up since their
    load was assessed. A new assessment after the follow-up flags the carer again."""
    return NetworkMember.objects.filter(load__gte=CARER_AT_RISK).exclude(followed_up())
