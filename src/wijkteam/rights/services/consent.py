"""Consent and sharing on a legal ground: recording it, and withdrawing it with immediate
effect."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case
from wijkteam.cases.policies_consent import may_record_legal_ground
from wijkteam.organisation.models import Organisation
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.consent import consent_store
from wijkteam.privacy.constants import (
    ALL_CATEGORIES,
    AccessAction,
    ConsentMethod,
    DataCategory,
    LegalGround,
    RefusalReason,
    SharingBasis,
)
from wijkteam.privacy.models import Consent, ConsentRefusal
from wijkteam.residents.models import Resident
from wijkteam.rights.services.common import _refuse_resident, _resident_in_scope


def _check_categories(categories: Iterable[str], errors: dict[str, Any]) -> list[str]:
    chosen = list(dict.fromkeys(categories))
    unknown = [c for c in chosen if c not in ALL_CATEGORIES]
    if not chosen:
        errors["categories"] = _("Kies ten minste één soort gegevens.")
    elif unknown:
        errors["categories"] = _("Onbekende soort gegevens: %s.") % ", ".join(unknown)
    return chosen


def _check_sharing(
    *,
    resident: Resident,
    organisation: Organisation | None,
    purpose: str,
    valid_from: datetime.date | None,
    valid_until: datetime.date | None,
    errors: dict[str, Any],
) -> None:
    today = timezone.localdate()
    if organisation is None or organisation.pk is None:
        errors["organisation"] = _(
            "Onbekende organisatie: kies de ontvangende organisatie uit de lijst."
        )
    elif organisation.municipality_id != resident.municipality_id:
        errors["organisation"] = _(
            "Organisatie %s hoort niet bij de gemeente van de inwoner: kies een organisatie "
            "uit de lijst."
        ) % (organisation.name,)
    if not purpose.strip():
        errors["purpose"] = _("Beschrijf het doel waarvoor de gegevens gedeeld worden.")
    if valid_from is None:
        errors["valid_from"] = _("Vul de datum in vanaf wanneer dit geldt.")
    if valid_until is not None:
        if valid_from is not None and valid_until < valid_from:
            errors["valid_until"] = _("De einddatum ligt vóór de begindatum.")
        elif valid_until < today:
            errors["valid_until"] = _(
                "De einddatum ligt in het verleden: een verlopen toestemming legt u niet vast."
            )


def consent_record(
    *,
    actor: User,
    resident: Resident,
    organisation: Organisation | None,
    purpose: str,
    categories: Iterable[str],
    given_how: str,
    valid_from: datetime.date | None,
    valid_until: datetime.date | None = None,
) -> Consent:
    """Record the resident's consent to share categories of data with an organisation."""
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("toestemming vastleggen"))
    errors: dict[str, Any] = {}
    chosen = _check_categories(categories, errors)
    _check_sharing(
        resident=resident,
        organisation=organisation,
        purpose=purpose,
        valid_from=valid_from,
        valid_until=valid_until,
        errors=errors,
    )
    if given_how not in ConsentMethod.values:
        errors["given_how"] = _("Kies hoe de toestemming is gegeven.")
    if errors:
        raise ValidationError(errors)
    assert valid_from is not None and organisation is not None
    return consent_store(
        actor=actor,
        resident_id=resident.pk,
        organisation=organisation,
        purpose=purpose,
        categories=chosen,
        given_how=given_how,
        valid_from=valid_from,
        valid_until=valid_until,
    )


def _case_for_legal_ground(actor: User, resident: Resident) -> Case | None:
    """A case of the resident's household the actor works on (open cases first)."""
    cases = Case.objects.filter(household_id=resident.household_id).select_related("team")
    for case in sorted(cases, key=lambda c: (c.state == CaseState.AFGESLOTEN, -c.pk)):
        if may_record_legal_ground(actor, case):
            return case
    return None


def legal_ground_record(
    *,
    actor: User,
    resident: Resident,
    organisation: Organisation | None,
    purpose: str,
    categories: Iterable[str],
    legal_ground: str,
    justification: str,
    valid_from: datetime.date | None,
    valid_until: datetime.date | None = None,
) -> Consent:
    """Record sharing without consent: only on a ground from the list, with a justification."""
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("delen op wettelijke grondslag"))
    if _case_for_legal_ground(actor, resident) is None:
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider van de casus legt "
                "delen zonder toestemming vast."
            )
        )
    errors: dict[str, Any] = {}
    chosen = _check_categories(categories, errors)
    _check_sharing(
        resident=resident,
        organisation=organisation,
        purpose=purpose,
        valid_from=valid_from,
        valid_until=valid_until,
        errors=errors,
    )
    if legal_ground not in LegalGround.values:
        errors["legal_ground"] = _(
            "Delen zonder toestemming kan alleen op een wettelijke grondslag uit de lijst."
        )
    if not justification.strip():
        errors["justification"] = _(
            "Onderbouw waarom de gegevens zonder toestemming gedeeld worden."
        )
    if errors:
        raise ValidationError(errors)
    assert valid_from is not None
    sharing = Consent(
        resident=resident,
        organisation=organisation,
        basis=SharingBasis.WETTELIJKE_GRONDSLAG,
        purpose=purpose.strip(),
        categories=chosen,
        legal_ground=legal_ground,
        justification=justification.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=actor,
    )
    sharing.full_clean()
    with transaction.atomic():
        sharing.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=sharing,
            changes={"legal_ground": legal_ground, "categories": chosen},
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=sharing,
            purpose=_("delen zonder toestemming vastgelegd (%s)") % legal_ground,
        )
    return sharing


def consent_withdraw(*, actor: User, consent: Consent, note: str = "") -> Consent:
    """Withdraw a consent (or end a legal-ground sharing) with immediate effect."""
    resident = consent.resident
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("toestemming intrekken"))

    def already(withdrawn_at: datetime.datetime) -> ValidationError:
        when = timezone.localtime(withdrawn_at).strftime("%d-%m-%Y %H:%M")
        if consent.basis == SharingBasis.WETTELIJKE_GRONDSLAG:
            return ValidationError(
                _("Dit delen op een wettelijke grondslag is al beëindigd op %s.") % when
            )
        return ValidationError(_("Deze toestemming is al ingetrokken op %s.") % when)

    if consent.withdrawn_at is not None:
        raise already(consent.withdrawn_at)
    if len(note) > 250:
        raise ValidationError({"note": _("Houd de toelichting korter dan 250 tekens.")})
    with transaction.atomic():
        current = Consent.objects.select_for_update().get(pk=consent.pk)
        if current.withdrawn_at is not None:
            raise already(current.withdrawn_at)
        current.withdrawn_at = timezone.now()
        current.withdrawn_by = actor
        current.withdrawal_note = note.strip()
        current.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"withdrawn_at": current.withdrawn_at.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[resident.pk],
            obj=current,
            purpose=_("toestemming ingetrokken"),
        )
    return current


def consent_refuse(
    *,
    actor: User,
    resident: Resident,
    organisation: Organisation | None,
    category: str,
    refused_on: datetime.date | None,
    reason: str = "",
) -> ConsentRefusal:
    """Record that the resident refused consent to share a category of data with an
    organisation: who may record consent may record a refusal (the same scope)."""
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("weigering van toestemming vastleggen"))
    errors: dict[str, Any] = {}
    if organisation is None or organisation.pk is None:
        errors["organisation"] = _(
            "Onbekende organisatie: kies de ontvangende organisatie uit de lijst."
        )
    elif organisation.municipality_id != resident.municipality_id:
        errors["organisation"] = _(
            "Organisatie %s hoort niet bij de gemeente van de inwoner: kies een organisatie "
            "uit de lijst."
        ) % (organisation.name,)
    if category not in DataCategory.values:
        errors["category"] = _("Kies de soort gegevens uit de lijst.")
    if reason and reason not in RefusalReason.values:
        errors["reason"] = _("Kies een reden uit de lijst, of laat de reden leeg.")
    if refused_on is None:
        errors["refused_on"] = _("Vul de datum van de weigering in.")
    elif refused_on > timezone.localdate():
        errors["refused_on"] = _("De datum van de weigering ligt in de toekomst.")
    if errors:
        raise ValidationError(errors)
    assert organisation is not None and refused_on is not None
    duplicate = ValidationError(
        _(
            "Deze weigering is al vastgelegd: dezelfde inwoner, organisatie, soort gegevens en "
            "datum. Er is niets nieuws vastgelegd."
        )
    )
    refusal = ConsentRefusal(
        resident=resident,
        organisation=organisation,
        category=category,
        refused_on=refused_on,
        reason=reason,
        recorded_by=actor,
    )
    try:
        with transaction.atomic():
            if ConsentRefusal.objects.filter(
                resident=resident,
                organisation=organisation,
                category=category,
                refused_on=refused_on,
            ).exists():
                raise duplicate
            refusal.save()
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=refusal,
                changes={"category": category, "organisation": organisation.pk, "reason": reason},
            )
            log_access(
                user=actor,
                action=AccessAction.CREATE,
                residents=[resident.pk],
                obj=refusal,
                purpose=_("weigering van toestemming vastgelegd"),
            )
    except IntegrityError:  # a concurrent double submit: the constraint holds
        raise duplicate from None
    return refusal
