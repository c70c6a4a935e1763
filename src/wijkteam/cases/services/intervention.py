"""Interventions: light support by the team itself (with time registration), a referral to a
general provision, and the allocation (toewijzing) of a custom provision to a provider.

Allocation numbers are ``TW<year><id>`` (e.g. ``TW2026000042``): the row is inserted with a
temporary unique placeholder and renamed in the same transaction from its primary key, so the
number is deterministic, unique without a counter table and safe under concurrent inserts. A
later issue turns allocations into iWmo/iJw 301 messages (ToewijzingNummer).

A member who allocates to their own employing organisation (their ``Membership.organisation``
in the case's team) must give a reason; the allocation is flagged ``own_employer`` for the
conflict-of-interest report (:func:`conflict_of_interest_allocations`).
"""

import datetime
import uuid
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import OrganisationKind, ProductCategory
from wijkteam.organisation.models import Organisation, Team
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction

from .. import policies
from ..constants import (
    DecisionOutcome,
    DecisionStatus,
    Frequency,
    InterventionKind,
    InterventionStatus,
    ScaleChange,
    Unit,
)
from ..models import Allocation, Case, Decision, Intervention, ScaleEvent, TimeEntry

# Organisations that can deliver a custom provision (a toewijzing goes to a provider).
PROVIDER_KINDS = frozenset(
    {
        OrganisationKind.ZORGAANBIEDER,
        OrganisationKind.JEUGDHULP,
        OrganisationKind.WELZIJN,
        OrganisationKind.MEE,
        OrganisationKind.GGD,
        OrganisationKind.SCHULDHULP,
        OrganisationKind.STICHTING_WIJKTEAM,
    }
)
MAX_HOURS_PER_DAY = Decimal(24)


def _household_ids(case: Case) -> list[int]:
    return list(case.household.members.values_list("pk", flat=True))


def _require_worker(actor: User, case: Case) -> None:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider wijzigt de casus.")
        )


def own_employer(*, actor: User, case: Case, provider: Organisation) -> bool:
    """Is ``provider`` the organisation that employs ``actor`` in the case's team?"""
    return (
        org_policies.active_memberships(actor)
        .filter(team_id=case.team_id, organisation_id=provider.pk)
        .exists()
    )


def allocation_number(allocation: Allocation) -> str:
    return f"TW{allocation.allocated_at.year}{allocation.pk:06d}"


def allocatable_decisions(case: Case) -> QuerySet[Decision]:
    """Final, (partly) granted decisions of the case: what can be allocated to a provider."""
    return Decision.objects.filter(
        case=case,
        status=DecisionStatus.BESLOTEN,
        outcome__in=[DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS],
    ).order_by("-requested_on", "-id")


def provider_choices(case: Case) -> QuerySet[Organisation]:
    return Organisation.objects.filter(
        municipality_id=case.team.municipality_id, kind__in=PROVIDER_KINDS
    ).order_by("name")


def _allocated_volume(decision: Decision, *, exclude: int | None = None) -> Decimal:
    """Volume already allocated on ``decision`` by running (not ended) interventions."""
    qs = Allocation.objects.filter(decision=decision).exclude(
        intervention__status=InterventionStatus.BEEINDIGD
    )
    if exclude is not None:
        qs = qs.exclude(pk=exclude)
    return qs.aggregate(total=Sum("volume"))["total"] or Decimal(0)


def _validate_allocation(
    *,
    errors: dict[str, Any],
    case: Case,
    decision: Decision | None,
    provider: Organisation | None,
    product_category: str,
    volume: Decimal | None,
    unit: str,
    frequency: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None,
) -> None:
    if decision is None:
        errors["decision"] = _("Kies het besluit waarop deze toewijzing berust.")
    elif decision.case_id != case.pk:
        errors["decision"] = _("Dit besluit hoort niet bij deze casus.")
    elif decision.status != DecisionStatus.BESLOTEN:
        errors["decision"] = _(
            "Toewijzen kan pas als het besluit definitief is (zonder openstaand tweede akkoord)."
        )
    elif decision.outcome not in (DecisionOutcome.TOEGEKEND, DecisionOutcome.DEELS):
        errors["decision"] = _("Een afgewezen aanvraag kan niet worden toegewezen.")
    if provider is None:
        errors["provider"] = _("Kies de aanbieder.")
    elif provider.municipality_id != case.team.municipality_id:
        errors["provider"] = _("Kies een aanbieder uit de gemeente van het team.")
    elif provider.kind not in PROVIDER_KINDS:
        errors["provider"] = _("%(name)s is geen aanbieder van ondersteuning of jeugdhulp.") % {
            "name": provider.name
        }
    if product_category not in ProductCategory.values:
        errors["product_category"] = _("Onbekende productcode/productcategorie: %(value)s.") % {
            "value": product_category or "–"
        }
    if unit not in Unit.values:
        errors["unit"] = _("Kies een eenheid uit de lijst (WJ756).")
    if frequency not in Frequency.values:
        errors["frequency"] = _("Kies een frequentie uit de lijst (WMO757).")
    if volume is None or volume <= 0:
        errors["volume"] = _("De omvang moet groter zijn dan 0.")
    if "decision" in errors or decision is None:
        return
    if product_category in ProductCategory.values and product_category != decision.product_category:
        errors["product_category"] = _(
            "De productcategorie moet gelijk zijn aan die van het besluit (%(category)s)."
        ) % {"category": ProductCategory(decision.product_category).label}
    if unit in Unit.values and unit != decision.unit:
        errors["unit"] = _("De eenheid moet gelijk zijn aan die van het besluit (%(unit)s).") % {
            "unit": Unit(decision.unit).label
        }
    if frequency in Frequency.values and frequency != decision.frequency:
        errors["frequency"] = _(
            "De frequentie moet gelijk zijn aan die van het besluit (%(frequency)s)."
        ) % {"frequency": Frequency(decision.frequency).label}
    if volume is not None and volume > 0:
        if volume > decision.volume:
            errors["volume"] = _(
                "De omvang is groter dan in het besluit is toegekend (%(volume)s)."
            ) % {"volume": decision.volume}
        elif volume + _allocated_volume(decision) > decision.volume:
            errors["volume"] = _(
                "Samen met de lopende toewijzingen op dit besluit (%(allocated)s) is de omvang "
                "groter dan is toegekend (%(volume)s)."
            ) % {"allocated": _allocated_volume(decision), "volume": decision.volume}
    if starts_on and starts_on < decision.starts_on:
        errors["starts_on"] = _(
            "De toewijzing kan niet beginnen vóór de ingangsdatum van het besluit (%(day)s)."
        ) % {"day": f"{decision.starts_on:%d-%m-%Y}"}
    if ends_on and ends_on > decision.ends_on:
        errors["ends_on"] = _(
            "De toewijzing kan niet doorlopen na de einddatum van het besluit (%(day)s)."
        ) % {"day": f"{decision.ends_on:%d-%m-%Y}"}


def intervention_start(
    *,
    actor: User,
    case: Case,
    kind: str,
    description: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    delivered_by: User | None = None,
    provision_name: str = "",
    decision: Decision | None = None,
    provider: Organisation | None = None,
    product_category: str = "",
    volume: Decimal | None = None,
    unit: str = "",
    frequency: str = "",
    own_employer_reason: str = "",
) -> Intervention:
    """Start an intervention; for ``maatwerk`` also the allocation to a provider.

    An intervention that starts in the future is ``gepland``, otherwise it ``loopt``. For an
    allocation the product category, unit and frequency follow the decision (so the volumes
    compare) and the volume stays within what was granted, counting the other running
    allocations on the same decision.
    """
    _require_worker(actor, case)
    errors: dict[str, Any] = {}
    if not case.is_open:
        errors["__all__"] = _("Deze casus is afgesloten.")
    if kind not in InterventionKind.values:
        errors["kind"] = _("Kies de soort interventie.")
    if not description.strip():
        errors["description"] = _("Beschrijf de interventie.")
    if ends_on is not None and starts_on and ends_on < starts_on:
        errors["ends_on"] = _("Het einde ligt vóór de start.")
    if kind == InterventionKind.LICHTE_ONDERSTEUNING:
        if delivered_by is None:
            errors["delivered_by"] = _("Kies het teamlid dat de lichte ondersteuning geeft.")
        elif not org_policies.is_team_member(delivered_by, case.team):
            errors["delivered_by"] = _(
                "Lichte ondersteuning geeft een actief lid van team %(team)s."
            ) % {"team": case.team.name}
    if kind == InterventionKind.ALGEMENE_VOORZIENING and not provision_name.strip():
        errors["provision_name"] = _("Noem de algemene voorziening waarnaar u verwijst.")
    is_own_employer = False
    if kind == InterventionKind.MAATWERK:
        product_category = product_category or (decision.product_category if decision else "")
        _validate_allocation(
            errors=errors,
            case=case,
            decision=decision,
            provider=provider,
            product_category=product_category,
            volume=volume,
            unit=unit,
            frequency=frequency,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        if provider is not None and "provider" not in errors:
            is_own_employer = own_employer(actor=actor, case=case, provider=provider)
            if is_own_employer and not own_employer_reason.strip():
                errors["own_employer_reason"] = _(
                    "%(name)s is uw eigen werkgever. Geef de reden waarom u aan uw eigen "
                    "werkgever toewijst; de toewijzing wordt verantwoord als mogelijk "
                    "belangenconflict."
                ) % {"name": provider.name}
    if errors:
        raise ValidationError(errors)
    today = timezone.localdate()
    intervention = Intervention(
        case=case,
        kind=kind,
        description=description.strip(),
        provision_name=provision_name.strip()
        if kind == InterventionKind.ALGEMENE_VOORZIENING
        else "",
        delivered_by=delivered_by if kind == InterventionKind.LICHTE_ONDERSTEUNING else None,
        starts_on=starts_on,
        ends_on=ends_on
        if ends_on is not None or decision is None or kind != InterventionKind.MAATWERK
        else decision.ends_on,
        status=InterventionStatus.GEPLAND if starts_on > today else InterventionStatus.LOOPT,
        created_by=actor,
    )
    intervention.full_clean()
    with transaction.atomic():
        intervention.save()
        residents = _household_ids(case)
        if kind == InterventionKind.MAATWERK:
            assert decision is not None and provider is not None and volume is not None
            allocation = Allocation(
                intervention=intervention,
                decision=decision,
                provider=provider,
                product_category=product_category,
                product_code=decision.product_code,
                volume=volume,
                unit=unit,
                frequency=frequency,
                allocation_number=f"TMP{uuid.uuid4().hex[:17]}",
                own_employer=is_own_employer,
                own_employer_reason=own_employer_reason.strip() if is_own_employer else "",
                allocated_by=actor,
            )
            allocation.save()
            allocation.allocation_number = allocation_number(allocation)
            allocation.save(update_fields=["allocation_number"])
            residents = [decision.resident_id]
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=allocation,
                changes={"provider": provider.pk, "own_employer": is_own_employer},
            )
        audit_record(actor=actor, action=AuditAction.CREATE, obj=intervention)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=residents,
            obj=intervention,
            purpose=_("interventie gestart"),
        )
    return intervention


def _check_hours(hours: Decimal | None) -> str:
    if hours is None or hours <= 0 or hours > MAX_HOURS_PER_DAY:
        return _("Het aantal uren moet groter zijn dan 0 en ten hoogste 24.")
    if hours != hours.quantize(Decimal("0.01")):
        return _("Geef de uren op in ten hoogste twee decimalen.")
    return ""


def time_entry_add(
    *,
    actor: User,
    intervention: Intervention,
    worked_on: datetime.date,
    hours: Decimal,
    note: str = "",
) -> TimeEntry:
    """Register time spent on light support by the team (by the acting member)."""
    case = intervention.case
    if not (
        policies.is_case_worker(actor, case)
        or (
            intervention.delivered_by_id == actor.pk
            and org_policies.is_team_member(actor, case.team)
        )
    ):
        raise PermissionDenied(_("Alleen wie aan deze casus werkt, schrijft hier uren op."))
    errors: dict[str, Any] = {}
    if intervention.kind != InterventionKind.LICHTE_ONDERSTEUNING:
        errors["__all__"] = _("Uren schrijft u alleen op lichte ondersteuning door het team.")
    message = _check_hours(hours)
    if message:
        errors["hours"] = message
    if worked_on > timezone.localdate():
        errors["worked_on"] = _("U kunt geen uren schrijven op een dag in de toekomst.")
    elif worked_on < intervention.starts_on:
        errors["worked_on"] = _("Deze dag ligt vóór de start van de ondersteuning (%(day)s).") % {
            "day": f"{intervention.starts_on:%d-%m-%Y}"
        }
    elif intervention.ends_on is not None and worked_on > intervention.ends_on:
        errors["worked_on"] = _("Deze dag ligt na het einde van de ondersteuning (%(day)s).") % {
            "day": f"{intervention.ends_on:%d-%m-%Y}"
        }
    if len(note) > 250:
        errors["note"] = _("De notitie is te lang (ten hoogste 250 tekens).")
    if not errors:
        booked = TimeEntry.objects.filter(member=actor, worked_on=worked_on).aggregate(
            total=Sum("hours")
        )["total"] or Decimal(0)
        if booked + hours > MAX_HOURS_PER_DAY:
            errors["hours"] = _(
                "U heeft op deze dag al %(booked)s uur geschreven; meer dan 24 uur per dag kan niet."
            ) % {"booked": booked}
    if errors:
        raise ValidationError(errors)
    entry = TimeEntry(
        intervention=intervention, member=actor, worked_on=worked_on, hours=hours, note=note.strip()
    )
    entry.full_clean()
    with transaction.atomic():
        entry.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=entry)
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=_household_ids(case),
            obj=entry,
            purpose=_("uren geschreven op lichte ondersteuning"),
        )
    return entry


def current_volume(intervention: Intervention) -> Decimal | None:
    """The volume now: the allocation's for maatwerk, else the last scale event's new volume."""
    allocation = getattr(intervention, "allocation", None)
    if allocation is not None:
        return allocation.volume
    last = intervention.scale_events.order_by("-at", "-id").first()
    return last.new_volume if last is not None else None


def intervention_scale(
    *,
    actor: User,
    intervention: Intervention,
    change: str,
    reason: str,
    new_volume: Decimal | None = None,
) -> ScaleEvent:
    """Scale an intervention up or down; for an allocation the volume changes with it.

    For maatwerk a new volume is required and stays within the decision (more needs a new
    decision). The direction must match: up means more, down means less.
    """
    case = intervention.case
    _require_worker(actor, case)
    errors: dict[str, Any] = {}
    if intervention.status == InterventionStatus.BEEINDIGD:
        errors["__all__"] = _("Deze interventie is beëindigd.")
    if change not in ScaleChange.values:
        errors["change"] = _("Kies opschalen of afschalen.")
    if not reason.strip():
        errors["reason"] = _("Geef de reden van de wijziging.")
    elif len(reason.strip()) > 250:
        errors["reason"] = _("De reden is te lang (ten hoogste 250 tekens).")
    allocation: Allocation | None = getattr(intervention, "allocation", None)
    old_volume = current_volume(intervention)
    if allocation is not None and new_volume is None:
        errors["new_volume"] = _("Geef de nieuwe omvang van de toewijzing.")
    if new_volume is not None:
        if new_volume <= 0:
            errors["new_volume"] = _("De nieuwe omvang moet groter zijn dan 0.")
        elif old_volume is not None and change in ScaleChange.values:
            if change == ScaleChange.OPSCHALEN and new_volume <= old_volume:
                errors["new_volume"] = _(
                    "Bij opschalen is de nieuwe omvang groter dan de huidige (%(old)s)."
                ) % {"old": old_volume}
            if change == ScaleChange.AFSCHALEN and new_volume >= old_volume:
                errors["new_volume"] = _(
                    "Bij afschalen is de nieuwe omvang kleiner dan de huidige (%(old)s)."
                ) % {"old": old_volume}
        if (
            allocation is not None
            and "new_volume" not in errors
            and new_volume + _allocated_volume(allocation.decision, exclude=allocation.pk)
            > allocation.decision.volume
        ):
            errors["new_volume"] = _(
                "Deze omvang gaat boven wat in het besluit is toegekend (%(volume)s). "
                "Voor meer is een nieuw besluit nodig."
            ) % {"volume": allocation.decision.volume}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        locked = Intervention.objects.select_for_update().get(pk=intervention.pk)
        if locked.status == InterventionStatus.BEEINDIGD:
            raise ValidationError(_("Deze interventie is beëindigd."))
        if current_volume(locked) != old_volume:
            raise ConcurrentEditError
        event = ScaleEvent.objects.create(
            intervention=intervention,
            change=change,
            old_volume=old_volume,
            new_volume=new_volume,
            reason=reason.strip(),
            by=actor,
        )
        if allocation is not None and new_volume is not None:
            Allocation.objects.filter(pk=allocation.pk).update(volume=new_volume)
            allocation.volume = new_volume
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=intervention,
            changes={
                "scale": change,
                "volume": [
                    str(old_volume) if old_volume is not None else None,
                    str(new_volume) if new_volume is not None else None,
                ],
            },
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_ids(case),
            obj=intervention,
            purpose=_("interventie opgeschaald of afgeschaald"),
        )
    return event


def intervention_end(
    *, actor: User, intervention: Intervention, ends_on: datetime.date
) -> Intervention:
    """End an intervention on ``ends_on`` (not in the future, not before its start)."""
    case = intervention.case
    _require_worker(actor, case)
    errors: dict[str, Any] = {}
    if intervention.status == InterventionStatus.BEEINDIGD:
        errors["__all__"] = _("Deze interventie is al beëindigd.")
    if ends_on > timezone.localdate():
        errors["ends_on"] = _("De einddatum kan niet in de toekomst liggen.")
    elif ends_on < intervention.starts_on:
        errors["ends_on"] = _("Het einde ligt vóór de start (%(day)s).") % {
            "day": f"{intervention.starts_on:%d-%m-%Y}"
        }
    allocation: Allocation | None = getattr(intervention, "allocation", None)
    if allocation is not None and "ends_on" not in errors and ends_on > allocation.decision.ends_on:
        errors["ends_on"] = _(
            "Een toewijzing loopt niet door na de einddatum van het besluit (%(day)s)."
        ) % {"day": f"{allocation.decision.ends_on:%d-%m-%Y}"}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        current = Intervention.objects.select_for_update().get(pk=intervention.pk)
        if current.status == InterventionStatus.BEEINDIGD:
            raise ValidationError(_("Deze interventie is al beëindigd."))
        previous = current.ends_on
        current.ends_on = ends_on
        current.status = InterventionStatus.BEEINDIGD
        current.save(update_fields=["ends_on", "status"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=current,
            changes={
                "status": InterventionStatus.BEEINDIGD,
                "ends_on": [previous.isoformat() if previous else None, ends_on.isoformat()],
            },
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_ids(case),
            obj=current,
            purpose=_("interventie beëindigd"),
        )
    current.case = case
    return current


# ---- accountability (read helper for the teamleider's page and later reports) -------------


def conflict_of_interest_allocations(team: Team) -> QuerySet[Allocation]:
    """Allocations of the team's cases to the allocating member's own employer."""
    return (
        Allocation.objects.filter(intervention__case__team=team, own_employer=True)
        .select_related("intervention__case__household", "provider", "allocated_by", "decision")
        .order_by("-allocated_at", "-id")
    )
