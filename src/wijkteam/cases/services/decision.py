"""Aanvraag and beschikking: requesting a maatwerkvoorziening / individuele voorziening, deciding
within the mandate, the teamleider's second approval, making the decision known, the letter.

Refusals of a decision attempt (the cliëntondersteuner of the case, outside the mandate, a
second approval by the decider) are **recorded** (an ``AuditEvent`` DENIED and an access-log
entry REFUSED) in their own transaction, which commits before ``PermissionDenied`` is raised:
the attempt stays on record while nothing of the decision changes. Call these services outside
an enclosing ``transaction.atomic()`` (as the screens and the API do), or an outer rollback
would take the record with it.

Decision types for the mandate (``organisation.constants.DecisionType``): a grant (toegekend or
deels toegekend) under the Wmo is a MAATWERKVOORZIENING, under the Jeugdwet an
INDIVIDUELE_VOORZIENING; a refusal (afgewezen) is an AFWIJZING whatever the law. The requested
volume, duration and budget are passed for an afwijzing too, so a team can ask a second approval
for refusing a large aanvraag; a rule without limits ignores them.
"""

import datetime
import re
from decimal import Decimal
from typing import Any, NoReturn

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam import deadlines
from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import DecisionType, Law, ProductCategory, law_of_category
from wijkteam.organisation.models import Team
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import Resident

from .. import policies
from ..constants import DecisionOutcome, DecisionStatus, Frequency, LegalBasis, Unit
from ..models import Case, Decision
from .terms import atw_calendar, term_meet, term_start

# The legal term that runs from the aanvraag to the decision, per law (deadlines.TERMS keys).
DECISION_TERM: dict[str, str] = {Law.WMO: "wmo_beschikking", Law.JEUGDWET: "jeugd_beslissing"}
BEZWAAR_TERM = "bezwaar"

# Legal bases that belong to one law only; the municipal verordening fits both.
LEGAL_BASIS_LAW: dict[str, str] = {
    LegalBasis.WMO_2_3_5: Law.WMO,
    LegalBasis.WMO_2_3_6: Law.WMO,
    LegalBasis.JW_2_3: Law.JEUGDWET,
    LegalBasis.JW_8_1_1: Law.JEUGDWET,
}

GRANTED = frozenset({DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS})

# iWmo/iJw 3.2 LDT_ProductCode: five letters or digits, set locally. Until a local product
# catalogue exists, a code is "known" when it has that form.
PRODUCT_CODE_RE = re.compile(r"^[0-9A-Z]{5}$")


def _unknown_product(value: str) -> str:
    return _("Onbekende productcode/productcategorie: %(value)s.") % {"value": value or "–"}


def decision_type_for(*, law: str, outcome: str) -> str:
    """The mandate's decision type for deciding ``outcome`` on an aanvraag under ``law``."""
    if outcome == DecisionOutcome.AFGEWEZEN:
        return DecisionType.AFWIJZING
    if law == Law.JEUGDWET:
        return DecisionType.INDIVIDUELE_VOORZIENING
    return DecisionType.MAATWERKVOORZIENING


def mandate_request(
    decision: Decision,
    *,
    outcome: str,
    volume: Decimal | None = None,
    deviates_from_protocol: bool = False,
    deviation_justification: str = "",
) -> org_policies.DecisionRequest:
    """The decision in the terms of the mandate (``volume`` overrides the requested volume)."""
    return org_policies.DecisionRequest(
        decision_type=decision_type_for(law=decision.law, outcome=outcome),
        product_category=decision.product_category,
        volume=decision.volume if volume is None else volume,
        weeks=decision.weeks,
        budget=decision.budget,
        deviates_from_protocol=deviates_from_protocol,
        deviation_justification=deviation_justification,
    )


def mandate_verdict(
    *,
    user: User,
    decision: Decision,
    outcome: str,
    volume: Decimal | None = None,
    deviates_from_protocol: bool = False,
    deviation_justification: str = "",
) -> org_policies.MandateVerdict:
    """May ``user`` decide ``outcome`` on this aanvraag? (also the preview on the decide form)."""
    case = decision.case
    return org_policies.decision_mandate(
        user=user,
        team=case.team,
        request=mandate_request(
            decision,
            outcome=outcome,
            volume=volume,
            deviates_from_protocol=deviates_from_protocol,
            deviation_justification=deviation_justification,
        ),
        case_supporter_ids=[case.client_supporter_id] if case.client_supporter_id else [],
    )


def _record_refusal(*, actor: User, decision: Decision, attempt: str, reason: str) -> NoReturn:
    """Record a refused attempt in its own transaction (commits), then raise PermissionDenied."""
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DENIED,
            obj=decision,
            changes={"poging": attempt, "reden": reason},
        )
        log_access(
            user=actor,
            action=AccessAction.REFUSED,
            residents=[decision.resident_id],
            obj=decision,
            purpose=_("geweigerd: %(attempt)s") % {"attempt": attempt},
        )
    raise PermissionDenied(reason)


def _check_not_future(errors: dict[str, Any], field: str, day: datetime.date, label: str) -> None:
    if day > timezone.localdate():
        errors[field] = _("%(label)s kan niet in de toekomst liggen.") % {"label": label}


def decision_request(
    *,
    actor: User,
    case: Case,
    resident: Resident,
    law: str,
    product_category: str,
    volume: Decimal,
    unit: str,
    frequency: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    requested_on: datetime.date,
    product_code: str = "",
    budget: Decimal | None = None,
) -> Decision:
    """Register an aanvraag and start the legal decision term (Wmo 2 weeks, Jeugdwet 8 weeks)."""
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider legt een aanvraag vast.")
        )
    errors: dict[str, Any] = {}
    if not case.is_open:
        errors["__all__"] = _(
            "Deze casus is afgesloten; open hem opnieuw om een aanvraag vast te leggen."
        )
    if law not in Law.values:
        errors["law"] = _("Kies de wet: Wmo 2015 of Jeugdwet.")
    category_law = law_of_category(product_category)
    if category_law is None:
        errors["product_category"] = _unknown_product(product_category)
    elif law in Law.values and category_law != law:
        errors["product_category"] = _(
            "Productcategorie %(category)s hoort niet bij de %(law)s: kies een %(list)s-categorie."
        ) % {
            "category": ProductCategory(product_category).label,
            "law": Law(law).label,
            "list": "WMO020" if law == Law.WMO else "JZ020",
        }
    code = product_code.strip().upper()
    if code and not PRODUCT_CODE_RE.match(code):
        errors["product_code"] = (
            _unknown_product(product_code)
            + " "
            + _("Een productcode bestaat uit vijf letters of cijfers.")
        )
    if volume is None or volume <= 0:
        errors["volume"] = _("De omvang moet groter zijn dan 0.")
    if unit not in Unit.values:
        errors["unit"] = _("Kies een eenheid uit de lijst (WJ756).")
    if frequency not in Frequency.values:
        errors["frequency"] = _("Kies een frequentie uit de lijst (WMO757).")
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _("De einddatum ligt vóór de ingangsdatum.")
    if budget is not None and budget < 0:
        errors["budget"] = _("Het budget kan niet negatief zijn.")
    if requested_on:
        _check_not_future(errors, "requested_on", requested_on, _("De datum van de aanvraag"))
    if resident.household_id != case.household_id:
        errors["resident"] = _("Kies een inwoner uit het huishouden van deze casus.")
    if errors:
        raise ValidationError(errors)
    decision = Decision(
        case=case,
        resident=resident,
        law=law,
        product_category=product_category,
        product_code=code,
        volume=volume,
        unit=unit,
        frequency=frequency,
        starts_on=starts_on,
        ends_on=ends_on,
        budget=budget,
        requested_on=requested_on,
        status=DecisionStatus.AANGEVRAAGD,
        created_by=actor,
    )
    decision.full_clean()
    with transaction.atomic():
        decision.save()
        term_start(case=case, key=DECISION_TERM[law], starts_on=requested_on, decision=decision)
        audit_record(actor=actor, action=AuditAction.CREATE, obj=decision)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=[resident.pk],
            obj=decision,
            purpose=_("aanvraag vastgelegd"),
        )
    return decision


def decision_take(
    *,
    actor: User,
    decision: Decision,
    outcome: str,
    motivation: str,
    legal_basis: str,
    deviates_from_protocol: bool = False,
    deviation_justification: str = "",
    granted_volume: Decimal | None = None,
) -> Decision:
    """Decide on an aanvraag within the mandate.

    The cliëntondersteuner of the case and a member outside the mandate are refused and the
    attempt is recorded. Above the ``*_alone`` limits the decision waits for a second approval
    (status ``wacht_op_akkoord``); otherwise it is ``besloten`` and the decision term is met.
    ``granted_volume`` (only with "deels toegekend") lowers the volume that is granted.
    """
    case = decision.case
    attempt = _("besluiten op aanvraag %(id)s") % {"id": decision.pk}
    if case.client_supporter_id is not None and case.client_supporter_id == actor.pk:
        _record_refusal(
            actor=actor,
            decision=decision,
            attempt=attempt,
            reason=_(
                "U bent cliëntondersteuner van deze casus en mag daarom nooit over deze casus "
                "beslissen."
            ),
        )
    if not policies.can_view_case(actor, case):
        _record_refusal(
            actor=actor,
            decision=decision,
            attempt=attempt,
            reason=_("U heeft geen toegang tot deze casus."),
        )
    errors: dict[str, Any] = {}
    if decision.status != DecisionStatus.AANGEVRAAGD:
        errors["__all__"] = _("Over deze aanvraag is al besloten.")
    if outcome not in DecisionOutcome.values:
        errors["outcome"] = _("Kies het besluit: toegekend, deels toegekend of afgewezen.")
    if not motivation.strip():
        errors["motivation"] = _("Een besluit moet gemotiveerd zijn: schrijf de motivering.")
    if not legal_basis:
        errors["legal_basis"] = _(
            "Een besluit zonder wettelijke grondslag kan niet: kies de grondslag."
        )
    elif legal_basis not in LegalBasis.values:
        errors["legal_basis"] = _("Kies een wettelijke grondslag uit de lijst.")
    elif LEGAL_BASIS_LAW.get(legal_basis, decision.law) != decision.law:
        errors["legal_basis"] = _("Deze grondslag hoort niet bij een besluit onder de %(law)s.") % {
            "law": Law(decision.law).label
        }
    if deviates_from_protocol and not deviation_justification.strip():
        errors["deviation_justification"] = _(
            "Afwijken van protocol kan alleen met een schriftelijke onderbouwing."
        )
    if not deviates_from_protocol and deviation_justification.strip():
        errors["deviation_justification"] = _(
            "Een onderbouwing vult u alleen in als u afwijkt van het protocol."
        )
    if granted_volume is not None:
        if outcome != DecisionOutcome.DEELS:
            errors["granted_volume"] = _(
                "Een lagere toegekende omvang geeft u alleen op bij 'deels toegekend'."
            )
        elif granted_volume <= 0 or granted_volume >= decision.volume:
            errors["granted_volume"] = _(
                "De toegekende omvang moet groter zijn dan 0 en kleiner dan de gevraagde "
                "omvang (%(volume)s)."
            ) % {"volume": decision.volume}
    if errors:
        raise ValidationError(errors)
    verdict = mandate_verdict(
        user=actor,
        decision=decision,
        outcome=outcome,
        volume=granted_volume,
        deviates_from_protocol=deviates_from_protocol,
        deviation_justification=deviation_justification,
    )
    if not verdict.allowed:
        _record_refusal(actor=actor, decision=decision, attempt=attempt, reason=verdict.reason)
    today = timezone.localdate()
    with transaction.atomic():
        current = Decision.objects.select_for_update().get(pk=decision.pk)
        if current.status != DecisionStatus.AANGEVRAAGD:
            raise ValidationError(_("Over deze aanvraag is al besloten."))
        requested_volume = current.volume
        current.outcome = outcome
        current.motivation = motivation.strip()
        current.legal_basis = legal_basis
        current.deviates_from_protocol = deviates_from_protocol
        current.deviation_justification = deviation_justification.strip()
        if granted_volume is not None:
            current.volume = granted_volume
        current.decided_by = actor
        current.decided_at = timezone.now()
        current.needs_second_approval = verdict.needs_second_approval
        current.status = (
            DecisionStatus.WACHT_OP_AKKOORD
            if verdict.needs_second_approval
            else DecisionStatus.BESLOTEN
        )
        current.full_clean()
        current.save()
        if current.status == DecisionStatus.BESLOTEN:
            term_meet(case=case, key=DECISION_TERM[current.law], on=today, decision=current)
        changes: dict[str, Any] = {
            "status": [DecisionStatus.AANGEVRAAGD, current.status],
            "outcome": outcome,
            "legal_basis": legal_basis,
            "deviates_from_protocol": deviates_from_protocol,
            "mandaat": verdict.reason,
        }
        if granted_volume is not None:
            changes["volume"] = [str(requested_volume), str(granted_volume)]
        audit_record(actor=actor, action=AuditAction.UPDATE, obj=current, changes=changes)
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("besluit genomen"),
        )
    current.case = case
    return current


def decision_approve(*, actor: User, decision: Decision) -> Decision:
    """The teamleider's second approval (never by the decider): the decision becomes final."""
    case = decision.case
    if decision.status != DecisionStatus.WACHT_OP_AKKOORD or decision.decided_by is None:
        raise ValidationError(_("Dit besluit wacht niet op een tweede akkoord."))
    verdict = org_policies.may_give_second_approval(
        user=actor, team=case.team, decided_by=decision.decided_by
    )
    if not verdict.allowed:
        _record_refusal(
            actor=actor,
            decision=decision,
            attempt=_("tweede akkoord op besluit %(id)s") % {"id": decision.pk},
            reason=verdict.reason,
        )
    with transaction.atomic():
        current = Decision.objects.select_for_update().get(pk=decision.pk)
        if current.status != DecisionStatus.WACHT_OP_AKKOORD:
            raise ValidationError(_("Dit besluit wacht niet op een tweede akkoord."))
        current.status = DecisionStatus.BESLOTEN
        current.approved_by = actor
        current.approved_at = timezone.now()
        current.save(update_fields=["status", "approved_by", "approved_at"])
        term_meet(
            case=case, key=DECISION_TERM[current.law], on=timezone.localdate(), decision=current
        )
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"status": [DecisionStatus.WACHT_OP_AKKOORD, DecisionStatus.BESLOTEN]},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("tweede akkoord op besluit"),
        )
    current.case = case
    return current


def may_handle_decision(user: User, decision: Decision) -> bool:
    """Make known or export: a worker on the case, or the member who decided or approved it."""
    case = decision.case
    if policies.is_case_worker(user, case):
        return True
    return org_policies.is_team_member(user, case.team) and user.pk in (
        decision.decided_by_id,
        decision.approved_by_id,
    )


def decision_made_known(
    *, actor: User, decision: Decision, made_known_on: datetime.date
) -> Decision:
    """Record when the beschikking was made known; starts the 6-week bezwaar term (Awb 6:7, 6:8).

    The engine counts the term from the day after the bekendmaking (``starts_on`` is the event).
    """
    if not may_handle_decision(actor, decision):
        raise PermissionDenied(_("U werkt niet aan deze casus."))
    errors: dict[str, Any] = {}
    if decision.status != DecisionStatus.BESLOTEN:
        errors["__all__"] = _("Alleen een definitief besluit kan worden bekendgemaakt.")
    elif decision.made_known_on is not None:
        errors["__all__"] = _("Dit besluit is al bekendgemaakt op %(day)s.") % {
            "day": f"{decision.made_known_on:%d-%m-%Y}"
        }
    _check_not_future(errors, "made_known_on", made_known_on, _("De datum van bekendmaking"))
    final_day = decision.approved_at or decision.decided_at
    if final_day is not None and made_known_on < timezone.localdate(final_day):
        errors["made_known_on"] = _(
            "Een besluit kan niet bekend zijn gemaakt vóórdat het genomen is."
        )
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Decision.objects.select_for_update().get(pk=decision.pk)
        if current.made_known_on is not None:
            raise ValidationError(_("Dit besluit is al bekendgemaakt."))
        current.made_known_on = made_known_on
        current.save(update_fields=["made_known_on"])
        term_start(case=decision.case, key=BEZWAAR_TERM, starts_on=made_known_on, decision=current)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={"made_known_on": made_known_on.isoformat()},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=[current.resident_id],
            obj=current,
            purpose=_("bekendmaking van het besluit vastgelegd"),
        )
    current.case = decision.case
    return current


def bezwaar_due(
    decision: Decision,
    *,
    letter_date: datetime.date | None = None,
    calendar: deadlines.AtwCalendar | None = None,
) -> tuple[datetime.date, datetime.date]:
    """(day made known, last day for bezwaar).

    The stored bekendmaking; before the letter is sent, its date (``letter_date``, default today)
    is the presumed bekendmaking. The engine starts the term on the day after that day.
    """
    known = decision.made_known_on or letter_date or timezone.localdate()
    due = deadlines.compute_due(BEZWAAR_TERM, known, calendar=calendar or atw_calendar())
    return known, due


def decision_beschikking(*, actor: User, decision: Decision) -> bytes:
    """The beschikking as a Dutch PDF letter; only for a final decision. The export is logged."""
    from ..documents.beschikking import render_beschikking

    if not may_handle_decision(actor, decision):
        raise PermissionDenied(_("U werkt niet aan deze casus."))
    if decision.status != DecisionStatus.BESLOTEN:
        raise ValidationError(
            _("Een beschikking kan pas worden gemaakt als het besluit definitief is.")
        )
    pdf = render_beschikking(decision)
    log_access(
        user=actor,
        action=AccessAction.EXPORT,
        residents=[decision.resident_id],
        obj=decision,
        purpose=_("beschikking als PDF gemaakt"),
    )
    return pdf


# ---- accountability (read helpers for the teamleider's page and later reports) ------------


def protocol_deviations(team: Team) -> QuerySet[Decision]:
    """Decisions of the team that deviate from protocol, with their written justification."""
    return (
        Decision.objects.filter(case__team=team, deviates_from_protocol=True)
        .select_related("case__household", "decided_by", "approved_by")
        .order_by("-decided_at", "-id")
    )
