"""The social map (sociale kaart): organisations, their services and general provisions
(voorliggende voorzieningen), where they are offered and when, and citizen initiatives.

No resident data lives here. The shape follows Open Referral HSDS 3.0 (organization, service,
location, service_at_location), so every row has a UUID that is its HSDS ``id`` and an export
and an import round-trip (``hsds.py``). Life domains and target groups are stored as a code
list in one column, ``|code|code|``, so that filtering on one code is a plain ``contains``
on SQLite and PostgreSQL alike (``codes.py``).
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.organisation.models import District, Municipality, Neighbourhood, Team

from .codes import split_codes
from .constants import InitiativeStatus, LifeDomain, ServiceStatus, SupportKind, TargetGroup


class MapOrganisation(models.Model):
    """An organisation on the social map (HSDS ``organization``): a welfare foundation, a
    library, a food bank, a sports club. Not the same as the organisations of the team set-up."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("omschrijving"))
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisatie op de sociale kaart")
        verbose_name_plural = _("organisaties op de sociale kaart")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="maporganisation_name_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Location(models.Model):
    """Where a service is offered (HSDS ``location``, physical)."""

    organisation = models.ForeignKey(
        MapOrganisation, on_delete=models.CASCADE, related_name="locations"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam van de locatie"), max_length=150)
    address = models.CharField(_("adres"), max_length=200)
    postal_code = models.CharField(_("postcode"), max_length=10, blank=True)
    city = models.CharField(_("plaats"), max_length=100)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    accessibility = models.CharField(_("toegankelijkheid"), max_length=250, blank=True)

    class Meta:
        verbose_name = _("locatie")
        verbose_name_plural = _("locaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name}, {self.address}"


class Service(models.Model):
    """A service or general provision (HSDS ``service``) with everything a professional or a
    resident needs to decide whether it fits: for whom, where, when, what it costs, how to go."""

    organisation = models.ForeignKey(
        MapOrganisation,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisatie"),
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("wat is het"))
    general_provision = models.BooleanField(
        _("voorliggende voorziening"),
        default=True,
        help_text=_("Vrij toegankelijk, zonder beschikking: gaat voor maatwerk."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    life_domains = models.CharField(_("leefgebieden"), max_length=400, blank=True)
    target_groups = models.CharField(_("doelgroepen"), max_length=300, blank=True)
    for_whom = models.CharField(
        _("voor wie"), max_length=250, blank=True, help_text=_("In gewone woorden.")
    )
    districts = models.ManyToManyField(
        District, blank=True, related_name="+", verbose_name=_("wijken")
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, blank=True, related_name="+", verbose_name=_("buurten")
    )
    whole_municipality = models.BooleanField(_("voor de hele gemeente"), default=False)
    costs = models.CharField(
        _("kosten"), max_length=250, blank=True, help_text=_("Bijvoorbeeld: gratis, € 2,50.")
    )
    how_to_access = models.TextField(
        _("hoe kom je erbij"),
        blank=True,
        help_text=_("Aanmelden, binnenlopen, verwijzing nodig?"),
    )
    email = models.EmailField(_("e-mailadres"), blank=True)
    phone = models.CharField(_("telefoonnummer"), max_length=30, blank=True)
    website = models.URLField(_("website"), blank=True)
    locations: "models.ManyToManyField[Location, ServiceAtLocation]" = models.ManyToManyField(
        Location, through="ServiceAtLocation", blank=True, related_name="services"
    )
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every change (services.catalogue.service_save): a form or PATCH that read an
    # older version is refused instead of overwriting someone else's change.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("dienst")
        verbose_name_plural = _("diensten")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ServiceStatus.values), name="service_status_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def life_domain_codes(self) -> list[str]:
        return split_codes(self.life_domains)

    @property
    def target_group_codes(self) -> list[str]:
        return split_codes(self.target_groups)

    @property
    def life_domain_labels(self) -> list[str]:
        return [str(LifeDomain(c).label) for c in self.life_domain_codes if c in LifeDomain.values]

    @property
    def target_group_labels(self) -> list[str]:
        return [
            str(TargetGroup(c).label) for c in self.target_group_codes if c in TargetGroup.values
        ]


class ServiceAtLocation(models.Model):
    """A service offered at a location, with its opening hours there."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="at_locations")
    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="+")
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    opening_hours = models.CharField(
        _("openingstijden"),
        max_length=250,
        blank=True,
        help_text=_("Bijvoorbeeld: dinsdag en donderdag 9.00–12.00 uur."),
    )

    class Meta:
        verbose_name = _("dienst op locatie")
        verbose_name_plural = _("diensten op locatie")
        constraints = [
            models.UniqueConstraint(fields=["service", "location"], name="service_location_unique")
        ]

    def __str__(self) -> str:
        return f"{self.service} @ {self.location}"


class Initiative(models.Model):
    """A citizen initiative (bewonersinitiatief): what, where, for whom, who to contact.

    The contact person is listed only with their consent: without it no contact details are
    kept at all (database constraint)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="+", verbose_name=_("gemeente")
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("naam"), max_length=150)
    description = models.TextField(_("wat doet het initiatief"))
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="+", verbose_name=_("wijk")
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("buurt"),
    )
    meeting_place = models.CharField(_("waar"), max_length=200, blank=True)
    for_whom = models.CharField(_("voor wie"), max_length=250, blank=True)
    target_groups = models.CharField(_("doelgroepen"), max_length=300, blank=True)
    life_domains = models.CharField(_("leefgebieden"), max_length=400, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=InitiativeStatus.choices,
        default=InitiativeStatus.ACTIEF,
    )
    contact_name = models.CharField(_("contactpersoon"), max_length=150, blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=30, blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_consent_on = models.DateField(
        _("toestemming contactpersoon op"),
        null=True,
        blank=True,
        help_text=_("De dag waarop de contactpersoon toestemming gaf om vermeld te worden."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Raised by every change (services.initiatives.initiative_save), as Service.version.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        verbose_name = _("bewonersinitiatief")
        verbose_name_plural = _("bewonersinitiatieven")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contact_consent_on__isnull=False)
                | (Q(contact_name="") & Q(contact_phone="") & Q(contact_email="")),
                name="initiative_contact_needs_consent",
            ),
            models.CheckConstraint(
                condition=Q(status__in=InitiativeStatus.values), name="initiative_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def life_domain_codes(self) -> list[str]:
        return split_codes(self.life_domains)

    @property
    def target_group_codes(self) -> list[str]:
        return split_codes(self.target_groups)

    @property
    def life_domain_labels(self) -> list[str]:
        return [str(LifeDomain(c).label) for c in self.life_domain_codes if c in LifeDomain.values]

    @property
    def target_group_labels(self) -> list[str]:
        return [
            str(TargetGroup(c).label) for c in self.target_group_codes if c in TargetGroup.values
        ]


class InitiativeSupport(models.Model):
    """What a team does for an initiative, from when until when."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="supports")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort steun"), max_length=20, choices=SupportKind.choices)
    note = models.CharField(_("toelichting"), max_length=250, blank=True)
    started_on = models.DateField(_("vanaf"))
    ended_on = models.DateField(_("tot en met"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("steun voor een initiatief")
        verbose_name_plural = _("steun voor initiatieven")
        ordering = ["-started_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="initiativesupport_period_order",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=SupportKind.values), name="initiativesupport_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} → {self.initiative}"
