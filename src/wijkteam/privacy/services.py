"""Every write of the privacy app: consent, emergency access, inzage and correction, retention.

Each service checks everything before it writes (clear Dutch messages, never a partial write),
writes in one transaction with an audit event, and logs the access to resident data (NEN 7513).
An attempt that concerns access (an inzage request or a doorbraak the user may not make) is
logged as REFUSED even though nothing else is stored.
"""

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases import policies as case_policies
from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case
from wijkteam.cases.services.terms import atw_calendar
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.models import Organisation
from wijkteam.residents.models import Resident

from .access_log import log_access
from .constants import (
    ALL_CATEGORIES,
    EMERGENCY_DEFAULT_MINUTES,
    EMERGENCY_MAX_MINUTES,
    EMERGENCY_MIN_MINUTES,
    INZAGE_TERM_KEY,
    AccessAction,
    ConsentMethod,
    CorrectionOutcome,
    EmergencyVerdict,
    InzageStatus,
    LegalGround,
    RequestChannel,
    RequestedBy,
    SharingBasis,
)
from .emergency import active_grant
from .models import (
    Consent,
    CorrectionRequest,
    EmergencyAccess,
    InzageRequest,
    RetentionRule,
)
from .policies import may_manage_retention, may_record_legal_ground, may_review_emergency


def _household_resident_ids(case: Case) -> list[int]:
    return list(
        Resident.objects.filter(household_id=case.household_id).values_list("pk", flat=True)
    )


def _resident_in_scope(actor: User, resident: Resident) -> bool:
    return case_policies.resident_scope(actor).filter(pk=resident.pk).exists()


def _refuse_resident(actor: User, resident: Resident, what: str) -> PermissionDenied:
    """Log the refused attempt (it concerns access) and return the error to raise."""
    log_access(
        user=actor,
        action=AccessAction.REFUSED,
        residents=[resident.pk],
        purpose=_("geweigerd: %(what)s voor een inwoner buiten bereik") % {"what": what},
    )
    return PermissionDenied(
        _("U mag de gegevens van deze inwoner niet inzien. Er is niets vastgelegd.")
    )


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


# --------------------------------------------------------------------------------------------
# Consent and sharing on a legal ground
# --------------------------------------------------------------------------------------------


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
    assert valid_from is not None
    consent = Consent(
        resident=resident,
        organisation=organisation,
        basis=SharingBasis.TOESTEMMING,
        purpose=purpose.strip(),
        categories=chosen,
        given_how=given_how,
        valid_from=valid_from,
        valid_until=valid_until,
        recorded_by=actor,
    )
    consent.full_clean()
    with transaction.atomic():
        consent.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=consent,
            changes={"categories": chosen, "organisation": consent.organisation_id},
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=consent,
            purpose=_("toestemming vastgelegd"),
        )
    return consent


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


# --------------------------------------------------------------------------------------------
# Emergency access (doorbraak)
# --------------------------------------------------------------------------------------------


def emergency_access_open(
    *, actor: User, case: Case, reason: str, minutes: int = EMERGENCY_DEFAULT_MINUTES
) -> EmergencyAccess:
    """Open a case outside one's scope for a limited time, stating a reason.

    Refused (nothing stored, the attempt logged as REFUSED) without a reason; refused when the
    member already sees the case (no doorbraak needed) or already holds a running one. The
    grant is logged as EMERGENCY and waits in the teamleider's review queue.
    """
    residents = _household_resident_ids(case)
    if not org_policies.is_professional(actor) or not (
        org_policies.active_memberships(actor)
        .filter(team__municipality_id=case.team.municipality_id)
        .exists()
    ):
        log_access(
            user=actor,
            action=AccessAction.REFUSED,
            residents=residents,
            obj=case,
            purpose=_("doorbraak geweigerd: geen actief teamlid in deze gemeente"),
        )
        raise PermissionDenied(
            _("Alleen een actief teamlid in deze gemeente kan een doorbraak openen.")
        )
    errors: dict[str, Any] = {}
    if not reason.strip():
        errors["reason"] = _("Geef de reden voor de doorbraak: zonder reden krijgt u geen toegang.")
    if not isinstance(minutes, int) or not (
        EMERGENCY_MIN_MINUTES <= minutes <= EMERGENCY_MAX_MINUTES
    ):
        errors["minutes"] = _("Kies een duur van %(min)s tot %(max)s minuten.") % {
            "min": EMERGENCY_MIN_MINUTES,
            "max": EMERGENCY_MAX_MINUTES,
        }
    if errors:
        log_access(
            user=actor,
            action=AccessAction.REFUSED,
            residents=residents,
            obj=case,
            purpose=_("doorbraak geweigerd: geen geldige reden of duur"),
        )
        raise ValidationError(errors)
    if case_policies.can_view_case(actor, case):
        raise ValidationError(_("U heeft al toegang tot deze casus; een doorbraak is niet nodig."))
    running = active_grant(actor, case.pk)
    if running is not None:
        raise ValidationError(
            _("U heeft al een doorbraak op deze casus tot %s.")
            % timezone.localtime(running.expires_at).strftime("%H:%M")
        )
    now = timezone.now()
    grant = EmergencyAccess(
        user=actor,
        case=case,
        reason=reason.strip(),
        opened_at=now,
        expires_at=now + datetime.timedelta(minutes=minutes),
    )
    grant.full_clean()
    with transaction.atomic():
        grant.save()
        entry = log_access(
            user=actor,
            action=AccessAction.EMERGENCY,
            residents=residents,
            obj=case,
            purpose=_("doorbraak %(id)s geopend: %(reason)s")
            % {"id": grant.pk, "reason": grant.reason},
        )
        grant.access_log_entry_id = entry.pk
        grant.save(update_fields=["access_log_entry_id"])
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=grant,
            changes={"case": case.pk, "minutes": minutes},
        )
    return grant


def emergency_review(
    *, actor: User, grant: EmergencyAccess, verdict: str, note: str = ""
) -> EmergencyAccess:
    """The teamleider of the case's team judges a doorbraak; an unjustified one ends at once."""
    case = grant.case
    if not may_review_emergency(actor, case):
        raise PermissionDenied(
            _("Alleen een teamleider van het team van de casus beoordeelt een doorbraak.")
        )
    if grant.user_id == actor.pk:
        raise PermissionDenied(_("U beoordeelt niet uw eigen doorbraak."))
    errors: dict[str, Any] = {}
    if verdict not in EmergencyVerdict.values:
        errors["verdict"] = _("Kies een oordeel.")
    elif verdict == EmergencyVerdict.NIET_GERECHTVAARDIGD and not note.strip():
        errors["note"] = _("Licht toe waarom de doorbraak niet gerechtvaardigd was.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = EmergencyAccess.objects.select_for_update().get(pk=grant.pk)
        if current.verdict:
            raise ValidationError(_("Deze doorbraak is al beoordeeld."))
        now = timezone.now()
        current.verdict = verdict
        current.review_note = note.strip()
        current.reviewed_by = actor
        current.reviewed_at = now
        fields = ["verdict", "review_note", "reviewed_by", "reviewed_at"]
        if verdict == EmergencyVerdict.NIET_GERECHTVAARDIGD and current.expires_at > now:
            current.expires_at = max(now, current.opened_at + datetime.timedelta(microseconds=1))
            fields.append("expires_at")
        current.save(update_fields=fields)
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"verdict": verdict}
        )
    return current


# --------------------------------------------------------------------------------------------
# Inzage (AVG art. 15) and correction (art. 16)
# --------------------------------------------------------------------------------------------


def _avg_due(received_on: datetime.date) -> datetime.date:
    return deadlines.compute_due(INZAGE_TERM_KEY, received_on, calendar=atw_calendar())


def _check_received(received_on: datetime.date | None, errors: dict[str, Any]) -> None:
    if received_on is None:
        errors["received_on"] = _("Vul de datum van ontvangst in.")
    elif received_on > timezone.localdate():
        errors["received_on"] = _("De ontvangstdatum kan niet in de toekomst liggen.")


def inzage_register(
    *,
    actor: User,
    resident: Resident,
    received_on: datetime.date | None,
    requested_by: str,
    received_via: str,
    note: str = "",
) -> InzageRequest:
    """Register an inzage request; its one-month term (AVG art. 12 lid 3) starts to run."""
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("inzageverzoek registreren"))
    errors: dict[str, Any] = {}
    _check_received(received_on, errors)
    if requested_by not in RequestedBy.values:
        errors["requested_by"] = _("Kies wie het verzoek indiende.")
    if received_via not in RequestChannel.values:
        errors["received_via"] = _("Kies hoe het verzoek binnenkwam.")
    if len(note) > 250:
        errors["note"] = _("Houd de toelichting korter dan 250 tekens.")
    if errors:
        raise ValidationError(errors)
    assert received_on is not None
    request = InzageRequest(
        resident=resident,
        received_on=received_on,
        requested_by=requested_by,
        received_via=received_via,
        note=note.strip(),
        due_on=_avg_due(received_on),
        registered_by=actor,
    )
    request.full_clean()
    with transaction.atomic():
        request.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=request)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=request,
            purpose=_("inzageverzoek geregistreerd"),
        )
    return request


def inzage_extend(*, actor: User, request: InzageRequest, reason: str) -> InzageRequest:
    """Extend the term once by two months (complex or many requests), within the first term."""
    if not _resident_in_scope(actor, request.resident):
        raise _refuse_resident(actor, request.resident, _("inzageverzoek verlengen"))
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden van de verlenging.")})
    if len(reason) > 250:
        raise ValidationError({"reason": _("Houd de reden korter dan 250 tekens.")})
    with transaction.atomic():
        current = InzageRequest.objects.select_for_update().get(pk=request.pk)
        if current.status != InzageStatus.ONTVANGEN:
            raise ValidationError(_("Dit verzoek is al afgehandeld."))
        if current.extended:
            raise ValidationError(_("De termijn is al een keer verlengd; dat kan maar één keer."))
        if timezone.localdate() > current.due_on:
            raise ValidationError(
                _("De termijn is al verstreken: verlengen kan alleen binnen de eerste maand.")
            )
        term = deadlines.compute_term(INZAGE_TERM_KEY, current.received_on, calendar=atw_calendar())
        extended = deadlines.extend(term, reason=reason)
        current.due_on = extended.due
        current.extended = True
        current.extension_reason = reason.strip()
        current.save(update_fields=["due_on", "extended", "extension_reason"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"due_on": current.due_on.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("termijn van het inzageverzoek verlengd"),
        )
    return current


def inzage_complete(
    *, actor: User, request: InzageRequest, provided_on: datetime.date | None
) -> InzageRequest:
    """Record that the resident received the inzage export."""
    if not _resident_in_scope(actor, request.resident):
        raise _refuse_resident(actor, request.resident, _("inzageverzoek afhandelen"))
    if provided_on is None:
        raise ValidationError({"provided_on": _("Vul de datum van verstrekken in.")})
    if provided_on > timezone.localdate():
        raise ValidationError(
            {"provided_on": _("De datum van verstrekken kan niet in de toekomst liggen.")}
        )
    if provided_on < request.received_on:
        raise ValidationError(
            {"provided_on": _("De datum van verstrekken ligt vóór de ontvangst van het verzoek.")}
        )
    with transaction.atomic():
        current = InzageRequest.objects.select_for_update().get(pk=request.pk)
        if current.status != InzageStatus.ONTVANGEN:
            raise ValidationError(_("Dit verzoek is al afgehandeld."))
        current.status = InzageStatus.VERSTREKT
        current.provided_on = provided_on
        current.save(update_fields=["status", "provided_on"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"status": "verstrekt"}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("inzageverzoek afgehandeld"),
        )
    return current


def correction_register(
    *,
    actor: User,
    resident: Resident,
    received_on: datetime.date | None,
    concerns: str,
    requested_change: str,
) -> CorrectionRequest:
    """Register a correction request (AVG art. 16); decided within the same one-month term."""
    if not _resident_in_scope(actor, resident):
        raise _refuse_resident(actor, resident, _("correctieverzoek registreren"))
    errors: dict[str, Any] = {}
    _check_received(received_on, errors)
    if not concerns.strip():
        errors["concerns"] = _("Beschrijf welke gegevens volgens de inwoner niet kloppen.")
    if not requested_change.strip():
        errors["requested_change"] = _("Beschrijf de verbetering die de inwoner vraagt.")
    if errors:
        raise ValidationError(errors)
    assert received_on is not None
    correction = CorrectionRequest(
        resident=resident,
        received_on=received_on,
        concerns=concerns.strip(),
        requested_change=requested_change.strip(),
        due_on=_avg_due(received_on),
        registered_by=actor,
    )
    correction.full_clean()
    with transaction.atomic():
        correction.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=correction)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=correction,
            purpose=_("correctieverzoek geregistreerd"),
        )
    return correction


def correction_decide(
    *,
    actor: User,
    correction: CorrectionRequest,
    outcome: str,
    note: str = "",
    decided_on: datetime.date | None = None,
) -> CorrectionRequest:
    """Record the outcome; a (partial) refusal needs a motivation."""
    if not _resident_in_scope(actor, correction.resident):
        raise _refuse_resident(actor, correction.resident, _("correctieverzoek beslissen"))
    day = decided_on or timezone.localdate()
    errors: dict[str, Any] = {}
    if outcome not in CorrectionOutcome.values:
        errors["outcome"] = _("Kies de uitkomst.")
    elif outcome != CorrectionOutcome.TOEGEWEZEN and not note.strip():
        errors["note"] = _("Motiveer waarom het verzoek (deels) is afgewezen.")
    if day > timezone.localdate():
        errors["decided_on"] = _("De beslisdatum kan niet in de toekomst liggen.")
    elif day < correction.received_on:
        errors["decided_on"] = _("De beslisdatum ligt vóór de ontvangst van het verzoek.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = CorrectionRequest.objects.select_for_update().get(pk=correction.pk)
        if current.outcome:
            raise ValidationError(_("Over dit verzoek is al beslist."))
        current.outcome = outcome
        current.outcome_note = note.strip()
        current.decided_on = day
        current.decided_by = actor
        current.save(update_fields=["outcome", "outcome_note", "decided_on", "decided_by"])
        audit_record(
            actor=actor, action=AuditAction.UPDATE, obj=current, changes={"outcome": outcome}
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("besluit op correctieverzoek"),
        )
    return current


# --------------------------------------------------------------------------------------------
# Retention rules (configuration, no resident data)
# --------------------------------------------------------------------------------------------


def retention_rule_update(
    *, actor: User, rule: RetentionRule, years: int | None, source: str, to_confirm: bool
) -> RetentionRule:
    if not may_manage_retention(actor):
        raise PermissionDenied(_("Alleen de functioneel beheerder stelt bewaartermijnen in."))
    errors: dict[str, Any] = {}
    if years is None or not (1 <= years <= 115):
        errors["years"] = _("Een bewaartermijn ligt tussen 1 en 115 jaar.")
    if not source.strip():
        errors["source"] = _("Noem de bron van de bewaartermijn (wet, selectielijst of besluit).")
    if errors:
        raise ValidationError(errors)
    assert years is not None
    with transaction.atomic():
        current = RetentionRule.objects.select_for_update().get(pk=rule.pk)
        before = {
            "years": current.years,
            "source": current.source,
            "to_confirm": current.to_confirm,
        }
        current.years = years
        current.source = source.strip()
        current.to_confirm = to_confirm
        current.full_clean()
        current.save()
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                k: [before[k], getattr(current, k)]
                for k in before
                if before[k] != getattr(current, k)
            },
        )
    return current
