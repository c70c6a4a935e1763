"""Team set-up (inrichting): municipality, areas, organisations, teams and members."""

import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..constants import (
    Discipline,
    Domain,
    Function,
    OrganisationKind,
    Positioning,
    TargetGroup,
    TeamModel,
    TeamRole,
)
from ..validators import (
    validate_agb_code,
    validate_buurt_code,
    validate_gemeente_code,
    validate_wijk_code,
)


class Versioned(models.Model):
    """Optimistic concurrency: services refuse a save whose version is stale."""

    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        abstract = True


class Municipality(Versioned):
    name = models.CharField(_("naam"), max_length=100)
    cbs_code = models.CharField(
        _("CBS-gemeentecode"), max_length=6, unique=True, validators=[validate_gemeente_code]
    )

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(Versioned):
    """A wijk (CBS WK code)."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=100)
    cbs_code = models.CharField(
        _("CBS-wijkcode"), max_length=8, unique=True, validators=[validate_wijk_code]
    )

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["cbs_code"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="district_name_unique_per_municipality"
            )
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"

    def clean(self) -> None:
        if self.municipality_id and self.cbs_code and len(self.cbs_code) == 8:
            gm = self.municipality.cbs_code[2:]
            if self.cbs_code[2:6] != gm:
                raise ValidationError(
                    {
                        "cbs_code": _(
                            "De wijkcode moet beginnen met WK%(gm)s: de cijfers van gemeente "
                            "%(name)s."
                        )
                        % {"gm": gm, "name": self.municipality.name}
                    }
                )


class Neighbourhood(Versioned):
    """A buurt (CBS BU code), always inside one wijk."""

    district = models.ForeignKey(
        District, on_delete=models.PROTECT, related_name="neighbourhoods", verbose_name=_("wijk")
    )
    name = models.CharField(_("naam"), max_length=100)
    cbs_code = models.CharField(
        _("CBS-buurtcode"), max_length=10, unique=True, validators=[validate_buurt_code]
    )

    class Meta:
        verbose_name = _("buurt")
        verbose_name_plural = _("buurten")
        ordering = ["cbs_code"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="buurt_name_unique_per_wijk")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.cbs_code})"

    def clean(self) -> None:
        if self.district_id and self.cbs_code and len(self.cbs_code) == 10:
            prefix = self.district.cbs_code[2:]
            if self.cbs_code[2:8] != prefix:
                raise ValidationError(
                    {
                        "cbs_code": _(
                            "Deze buurt ligt niet in wijk %(wijk)s: de buurtcode moet beginnen "
                            "met BU%(prefix)s."
                        )
                        % {"wijk": self.district.name, "prefix": prefix}
                    }
                )


class Organisation(Versioned):
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        related_name="organisations",
        verbose_name=_("gemeente"),
    )
    name = models.CharField(_("naam"), max_length=150)
    kind = models.CharField(_("soort organisatie"), max_length=30, choices=OrganisationKind.choices)
    agb_code = models.CharField(
        _("AGB-code"),
        max_length=8,
        blank=True,
        validators=[validate_agb_code],
        help_text=_("Optioneel; nodig voor iWmo/iJw-berichten aan een zorgaanbieder."),
    )

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="organisation_name_unique_per_municipality"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Team(Versioned):
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="teams", verbose_name=_("gemeente")
    )
    name = models.CharField(_("naam"), max_length=100)
    model = models.CharField(_("teammodel"), max_length=30, choices=TeamModel.choices)
    positioning = models.CharField(_("positionering"), max_length=30, choices=Positioning.choices)
    target_group = models.CharField(_("doelgroep"), max_length=20, choices=TargetGroup.choices)
    target_domain = models.CharField(
        _("domein"),
        max_length=10,
        choices=Domain.choices,
        blank=True,
        help_text=_("Alleen bij de doelgroep 'één domein'."),
    )
    responsible_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="responsible_for_teams",
        verbose_name=_("verantwoordelijke organisatie"),
        help_text=_("De organisatie die verantwoordelijk is voor de dossiers van dit team."),
    )
    assignment = models.TextField(
        _("opdracht"),
        blank=True,
        help_text=_("De opdracht van de gemeente aan het team: doelen en kaders."),
    )
    neighbourhoods = models.ManyToManyField(
        Neighbourhood, related_name="teams", blank=True, verbose_name=_("werkgebied (buurten)")
    )
    protocol_deviation_allowed = models.BooleanField(
        _("afwijken van protocol toegestaan"),
        default=False,
        help_text=_("Alleen met een schriftelijke onderbouwing, die wordt verantwoord."),
    )
    direct_specialist_deployment = models.BooleanField(
        _("doorzettingsmacht"),
        default=False,
        help_text=_("Leden mogen tweedelijns specialisten direct inzetten en die inzet stoppen."),
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "name"], name="team_name_unique_per_municipality"
            ),
            models.CheckConstraint(
                condition=(Q(target_group="domein") & ~Q(target_domain=""))
                | (~Q(target_group="domein") & Q(target_domain="")),
                name="team_domain_only_for_single_domain_target_group",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.target_group == TargetGroup.EEN_DOMEIN and not self.target_domain:
            errors["target_domain"] = _("Kies het domein waarop dit team zich richt.")
        if self.target_group != TargetGroup.EEN_DOMEIN and self.target_domain:
            errors["target_domain"] = _("Een domein kiest u alleen bij de doelgroep 'één domein'.")
        if (
            self.responsible_organisation_id
            and self.municipality_id
            and self.responsible_organisation.municipality_id != self.municipality_id
        ):
            errors["responsible_organisation"] = _(
                "Kies een organisatie uit dezelfde gemeente als het team."
            )
        if errors:
            raise ValidationError(errors)


class TeamFunction(models.Model):
    """One of the seven functions a team has."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="functions")
    function = models.CharField(_("functie"), max_length=30, choices=Function.choices)

    class Meta:
        verbose_name = _("teamfunctie")
        verbose_name_plural = _("teamfuncties")
        constraints = [
            models.UniqueConstraint(fields=["team", "function"], name="team_function_unique"),
            models.CheckConstraint(
                condition=Q(function__in=Function.values), name="team_function_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_function_display()


class Membership(Versioned):
    """A person's place in one team: employer, discipline, roles and active period."""

    team = models.ForeignKey(
        Team, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("team")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("gebruiker"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("werkgever"),
    )
    discipline = models.CharField(_("discipline"), max_length=40, choices=Discipline.choices)
    active_from = models.DateField(_("actief vanaf"))
    active_until = models.DateField(_("actief tot en met"), null=True, blank=True)

    class Meta:
        verbose_name = _("teamlid")
        verbose_name_plural = _("teamleden")
        ordering = ["team__name", "user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["team", "user"], name="membership_unique_per_team"),
            models.CheckConstraint(
                condition=Q(active_until__isnull=True)
                | Q(active_until__gte=models.F("active_from")),
                name="membership_period_not_inverted",
            ),
            models.CheckConstraint(
                condition=Q(discipline__in=Discipline.values), name="membership_discipline_valid"
            ),
        ]
        indexes = [models.Index(fields=["user", "team"], name="membership_user_team_idx")]

    def __str__(self) -> str:
        return f"{self.user} – {self.team}"

    def is_active_on(self, day: datetime.date) -> bool:
        return self.active_from <= day and (self.active_until is None or day <= self.active_until)

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.active_until and self.active_from and self.active_until < self.active_from:
            errors["active_until"] = _("De einddatum ligt vóór de begindatum.")
        if (
            self.organisation_id
            and self.team_id
            and self.organisation.municipality_id != self.team.municipality_id
        ):
            errors["organisation"] = _("Kies een organisatie uit dezelfde gemeente als het team.")
        if errors:
            raise ValidationError(errors)


class MembershipRole(models.Model):
    membership = models.ForeignKey(Membership, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("rol"), max_length=30, choices=TeamRole.choices)

    class Meta:
        verbose_name = _("rol in het team")
        verbose_name_plural = _("rollen in het team")
        constraints = [
            models.UniqueConstraint(fields=["membership", "role"], name="membership_role_unique"),
            models.CheckConstraint(
                condition=Q(role__in=TeamRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_role_display()
