"""Writes of residents, households and the informal network."""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Municipality, Neighbourhood, Team
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from .constants import CARER_AT_RISK, CarerFollowUpKind
from .matching import same_person
from .models import CarerFollowUp, Household, NetworkMember, Resident
from .validators import normalise_bsn, normalise_postcode


@dataclass
class ResidentData:
    first_name: str
    last_name: str
    date_of_birth: datetime.date
    household_relation: str
    name_prefix: str = ""
    bsn: str = ""
    street: str = ""
    house_number: str = ""
    postcode: str = ""
    city: str = ""
    neighbourhood: Neighbourhood | None = None
    phone: str = ""
    email: str = ""
    interpreter_language: str = ""
    plain_language: bool = False
    communication_notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# Residents of one municipality born on one day: a handful even at city scale (100,000
# residents over ~36,000 birth dates); the cap only bounds a pathological data set.
MAX_SAME_BIRTH_DATE = 500


class DuplicateResidentError(ValidationError):
    """A resident with the same BSN, or the same birth date and a similar name, exists."""

    def __init__(self, existing: list[Resident]) -> None:
        self.existing = existing
        super().__init__(
            _(
                "Deze inwoner lijkt al te bestaan (zelfde BSN, of dezelfde geboortedatum en een "
                "naam die erop lijkt). Open het bestaande dossier, of bevestig dat het om iemand "
                "anders gaat."
            ),
            code="duplicate",
        )


def find_duplicates(*, municipality: Municipality, data: ResidentData) -> list[Resident]:
    """Residents who are probably this person: the same BSN, or born on the same day with a
    name that sounds or looks the same (spelling variants forgiven, postcode not needed;
    :mod:`.matching`). At most five, BSN matches first."""
    found: list[Resident] = []
    bsn = normalise_bsn(data.bsn)
    if bsn:
        found += list(Resident.objects.filter(municipality=municipality, bsn=bsn)[:5])
    born_that_day = Resident.objects.filter(
        municipality=municipality, date_of_birth=data.date_of_birth
    ).exclude(pk__in=[r.pk for r in found])
    family_name = f"{data.name_prefix} {data.last_name}"
    for candidate in born_that_day.order_by("pk")[:MAX_SAME_BIRTH_DATE]:
        if same_person(
            first_name=data.first_name,
            last_name=family_name,
            other_first_name=candidate.first_name,
            other_last_name=f"{candidate.name_prefix} {candidate.last_name}",
        ):
            found.append(candidate)
    return found[:5]


def _require_professional(actor: User) -> None:
    if not org_policies.is_professional(actor):
        raise PermissionDenied(_("Alleen professionals in een wijkteam registreren inwoners."))


def resident_create(
    *,
    actor: User,
    municipality: Municipality,
    data: ResidentData,
    team: Team | None = None,
    household: Household | None = None,
    household_name: str = "",
    confirm_not_duplicate: bool = False,
) -> Resident:
    """Register a resident (and a new household when none is given).

    Refuses with :class:`DuplicateResidentError` (listing the matches) unless the user confirmed
    that the match is someone else.
    """
    _require_professional(actor)
    resident = Resident(
        municipality=municipality,
        household=household,
        household_relation=data.household_relation,
        bsn=normalise_bsn(data.bsn),
        first_name=data.first_name.strip(),
        name_prefix=data.name_prefix.strip(),
        last_name=data.last_name.strip(),
        date_of_birth=data.date_of_birth,
        street=data.street,
        house_number=data.house_number,
        postcode=normalise_postcode(data.postcode),
        city=data.city,
        neighbourhood=data.neighbourhood,
        phone=data.phone,
        email=data.email,
        interpreter_language=data.interpreter_language,
        plain_language=data.plain_language,
        communication_notes=data.communication_notes,
        intake_team=team,
    )
    if team is not None and not org_policies.is_team_member(actor, team):
        raise PermissionDenied(_("U bent geen lid van dit team."))
    with transaction.atomic():
        if household is None:
            household = Household(
                municipality=municipality,
                name=household_name or _("Huishouden %s") % resident.last_name,
            )
            household.full_clean()
            household.save()
            resident.household = household
        duplicates = find_duplicates(municipality=municipality, data=data)
        if any(d.bsn and d.bsn == resident.bsn for d in duplicates):
            raise DuplicateResidentError(duplicates)  # the same BSN is never someone else
        if duplicates and not confirm_not_duplicate:
            raise DuplicateResidentError(duplicates)
        resident.full_clean()
        resident.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=resident,
            object_repr=f"inwoner {resident.pk}",
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=resident,
            purpose=_("inwoner geregistreerd"),
        )
    return resident


def resident_update(*, actor: User, resident: Resident, expected_version: int) -> Resident:
    """Save changed fields of a resident the actor may see (the caller checked scope)."""
    _require_professional(actor)
    resident.bsn = normalise_bsn(resident.bsn)
    resident.postcode = normalise_postcode(resident.postcode)
    with transaction.atomic():
        resident.full_clean()
        current = Resident.objects.select_for_update().get(pk=resident.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        changed = [
            f.name
            for f in Resident._meta.concrete_fields
            if f.name not in ("version", "created_at")
            and getattr(current, f.attname) != getattr(resident, f.attname)
        ]
        resident.version = current.version + 1
        resident.save()
        # Field names only: the audit trail never holds the personal data itself.
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=resident,
            object_repr=f"inwoner {resident.pk}",
            changes={"fields": changed},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[resident.pk],
            obj=resident,
            purpose=_("gegevens van de inwoner gewijzigd"),
        )
    return resident


def network_member_save(
    *, actor: User, member: NetworkMember, expected_version: int | None = None
) -> NetworkMember:
    _require_professional(actor)
    with transaction.atomic():
        member.full_clean()
        if member.supports is not None and member.supports.household_id != member.household_id:
            raise ValidationError({"supports": _("Kies iemand uit dit huishouden.")})
        if member._state.adding:
            member.save()
        else:
            current = NetworkMember.objects.select_for_update().get(pk=member.pk)
            if expected_version is not None and current.version != expected_version:
                raise ConcurrentEditError
            member.version = current.version + 1
            member.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=member,
            object_repr=f"netwerklid {member.pk}",
            changes={"load": member.load},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=member.household.members.values_list("pk", flat=True),
            obj=member,
            purpose=_("informeel netwerk bijgewerkt"),
        )
    return member


def carer_follow_up_record(
    *, actor: User, member: NetworkMember, kind: str, done_on: datetime.date | None
) -> CarerFollowUp:
    """Record what was done for an informal carer at risk of overload. The caller has checked
    that the actor works on a case of the carer's household."""
    _require_professional(actor)
    errors: dict[str, Any] = {}
    if member.load < CARER_AT_RISK:
        errors["__all__"] = _(
            "Deze mantelzorger is niet zwaar belast of overbelast: opvolging is niet nodig."
        )
    if kind not in CarerFollowUpKind.values:
        errors["kind"] = _("Kies wat er gedaan is uit de lijst.")
    if done_on is None:
        errors["done_on"] = _("Vul de datum in.")
    elif done_on > timezone.localdate():
        errors["done_on"] = _("De datum ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    assert done_on is not None
    duplicate = ValidationError(
        _("Deze opvolging is al vastgelegd op deze datum. Er is niets nieuws vastgelegd.")
    )
    follow_up = CarerFollowUp(network_member=member, kind=kind, done_on=done_on, recorded_by=actor)
    try:
        with transaction.atomic():
            if CarerFollowUp.objects.filter(
                network_member=member, kind=kind, done_on=done_on
            ).exists():
                raise duplicate
            follow_up.save()
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=follow_up,
                object_repr=f"opvolging mantelzorger {follow_up.pk}",
                changes={"kind": kind, "done_on": done_on.isoformat()},
            )
            log_access(
                user=actor,
                action=AccessAction.CREATE,
                residents=member.household.members.values_list("pk", flat=True),
                obj=follow_up,
                purpose=_("opvolging van een mantelzorger vastgelegd"),
            )
    except IntegrityError:  # a concurrent double submit: the constraint holds
        raise duplicate from None
    return follow_up
