"""Legal representation: the team records who may act for a resident; the representative
switches in the portal to act for them (and back)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.models import Case
from wijkteam.cases.policies import is_case_worker
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident
from wijkteam.residents.validators import normalise_bsn, validate_bsn, validate_phone

from .. import policies
from ..constants import RepresentationBasis
from ..identity import PortalUser
from ..models import Representation
from ..selectors import active_representation


def may_record_for(actor: User, resident: Resident) -> bool:
    """A worker on one of the household's cases records its residents' representatives."""
    return any(
        is_case_worker(actor, case)
        for case in Case.objects.filter(household_id=resident.household_id).select_related("team")
    )


def _contact_errors(phone: str, email: str) -> dict[str, str]:
    """The representative's phone (as ``Resident.phone``) and e-mail address, both optional."""
    errors: dict[str, str] = {}
    try:
        validate_phone(phone)
    except ValidationError as exc:
        errors["phone"] = " ".join(exc.messages)
    if len(phone) > 30:
        errors["phone"] = _("Het telefoonnummer is te lang.")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["email"] = _("Vul een geldig e-mailadres in, zoals naam@voorbeeld.nl.")
    return errors


def representation_record(
    *,
    actor: User,
    represented: Resident,
    representative_bsn: str,
    representative_name: str,
    basis: str,
    valid_from: datetime.date,
    valid_until: datetime.date | None = None,
    phone: str = "",
    email: str = "",
) -> Representation:
    """Record a representative (curator, mentor, bewindvoerder, gemachtigde, parent), with
    the phone number and e-mail address they are reached at when known."""
    if not may_record_for(actor, represented):
        raise PermissionDenied(_("U werkt niet aan een hulpvraag van deze inwoner."))
    errors: dict[str, str] = {}
    bsn = normalise_bsn(representative_bsn or "")
    try:
        if not bsn:
            raise ValidationError(_("Vul het BSN van de vertegenwoordiger in."))
        validate_bsn(bsn)
    except ValidationError as exc:
        errors["representative_bsn"] = " ".join(exc.messages)
    else:
        if represented.bsn and bsn == represented.bsn:
            errors["representative_bsn"] = _("Iemand kan niet zijn eigen vertegenwoordiger zijn.")
    if not (representative_name or "").strip():
        errors["representative_name"] = _("Vul de naam van de vertegenwoordiger in.")
    if basis not in RepresentationBasis.values:
        errors["basis"] = _("Kies de grondslag van de vertegenwoordiging.")
    elif basis == RepresentationBasis.GEZAG and represented.age >= policies.ADULT_AGE:
        errors["basis"] = _("Ouderlijk gezag geldt alleen voor een minderjarig kind.")
    if valid_from is None:
        errors["valid_from"] = _("Vul in vanaf wanneer de vertegenwoordiging geldt.")
    elif valid_until is not None and valid_until < valid_from:
        errors["valid_until"] = _("De einddatum ligt vóór de begindatum.")
    phone, email = (phone or "").strip(), (email or "").strip()
    errors.update(_contact_errors(phone, email))
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        representation = Representation(
            represented=represented,
            representative_bsn=bsn,
            representative_name=representative_name.strip()[:150],
            basis=basis,
            valid_from=valid_from,
            valid_until=valid_until,
            phone=phone,
            email=email,
            recorded_by=actor,
        )
        representation.full_clean()
        representation.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=representation,
            changes={"basis": basis, "valid_from": valid_from.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[represented.pk],
            obj=representation,
            purpose=_("wettelijke vertegenwoordiging vastgelegd"),
        )
    return representation


def representation_end(
    *, actor: User, representation: Representation, ended_on: datetime.date
) -> Representation:
    """End a representation (from ``ended_on``, inclusive); acting for the resident stops."""
    if not may_record_for(actor, representation.represented):
        raise PermissionDenied(_("U werkt niet aan een hulpvraag van deze inwoner."))
    if ended_on < representation.valid_from:
        raise ValidationError({"ended_on": _("De einddatum ligt vóór de begindatum.")})
    with transaction.atomic():
        current = Representation.objects.select_for_update().get(pk=representation.pk)
        current.valid_until = ended_on
        current.save(update_fields=["valid_until"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"valid_until": ended_on.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.represented_id],
            obj=current,
            purpose=_("wettelijke vertegenwoordiging beëindigd"),
        )
    return current


def portal_act_for(*, portal_user: PortalUser, represented_id: int) -> Representation:
    """Start acting for a resident; refused (and logged) without an active representation."""
    if not policies.may_act_for_others(portal_user):
        raise PermissionDenied(
            _("Log in met DigiD op niveau Substantieel om iemand te vertegenwoordigen.")
        )
    representation = active_representation(portal_user, represented_id)
    if representation is None:
        log_access(
            **portal_user.log_context(),
            action=AccessAction.REFUSED,
            residents=[],
            purpose=_(
                "geweigerd via Mijn wijkteam: handelen namens inwoner %(pk)s zonder geldige vertegenwoordiging"
            )
            % {"pk": represented_id},
        )
        raise PermissionDenied(_("U kunt niet (meer) namens deze persoon handelen."))
    acting = PortalUser(
        bsn=portal_user.bsn,
        assurance=portal_user.assurance,
        resident_id=portal_user.resident_id,
        acting_for=represented_id,
        acting_basis=representation.basis,
    )
    log_access(
        **acting.log_context(),
        action=AccessAction.READ,
        residents=[represented_id],
        obj=representation,
        purpose=_("begonnen met handelen namens de inwoner via Mijn wijkteam"),
    )
    return representation


def representation_contact_update(
    *, actor: User, representation: Representation, phone: str, email: str
) -> Representation:
    """Change how the representative is reached (empty removes it); the next 301 carries it."""
    if not may_record_for(actor, representation.represented):
        raise PermissionDenied(_("U werkt niet aan een hulpvraag van deze inwoner."))
    phone, email = (phone or "").strip(), (email or "").strip()
    errors = _contact_errors(phone, email)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Representation.objects.select_for_update().get(pk=representation.pk)
        changed = sorted(
            name
            for name, value in (("phone", phone), ("email", email))
            if getattr(current, name) != value
        )
        if not changed:
            return current
        current.phone, current.email = phone, email
        current.full_clean()
        current.save(update_fields=["phone", "email"])
        # The audit names the fields, never the values (contact data of a third person).
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"velden": changed}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.represented_id],
            obj=current,
            purpose=_("contactgegevens van de vertegenwoordiger gewijzigd"),
        )
    return current
