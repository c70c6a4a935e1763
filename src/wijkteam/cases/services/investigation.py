"""The onderzoek (Wmo 2015 art. 2.3.2): keukentafelgesprekken, persoonlijk plan, conclusion, verslag.

The ``Investigation`` row is created by ``intake.case_transition`` when a case enters the phase
onderzoek. Every service here refuses bad input with Dutch messages before writing anything.

``Investigation`` has no version column; the edit form carries a fingerprint of the values it
showed (:func:`investigation_fingerprint`) so a stale save is refused with
``ConcurrentEditError`` instead of silently overwriting a colleague's change.
"""

import datetime
import hashlib
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core.exceptions import ConcurrentEditError
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.residents.models import NetworkMember, Resident

from .. import policies
from ..models import Case, Conversation, Investigation
from .terms import term_meet

PLACE_MAX = 150
OTHER_PARTICIPANTS_MAX = 250


def _require_worker(actor: User, case: Case) -> None:
    if not policies.is_case_worker(actor, case):
        raise PermissionDenied(
            _(
                "Alleen de regisseur, een betrokken teamlid of de teamleider werkt aan het onderzoek."
            )
        )


def _household_resident_ids(case: Case) -> list[int]:
    return list(
        Resident.objects.filter(household_id=case.household_id).values_list("pk", flat=True)
    )


def _locked_investigation(case: Case) -> Investigation:
    """The case's investigation, locked for the rest of the transaction."""
    investigation = Investigation.objects.select_for_update().filter(case_id=case.pk).first()
    if investigation is None:
        raise ValidationError(
            _("Deze casus heeft nog geen onderzoek. Zet de casus eerst in de fase Onderzoek.")
        )
    return investigation


def _require_open(case: Case) -> None:
    current = Case.objects.only("state", "closed_on").get(pk=case.pk)
    if not current.is_open:
        raise ValidationError(
            _("Deze casus is afgesloten; het onderzoek kan niet meer veranderen.")
        )


def _require_not_completed(investigation: Investigation) -> None:
    if investigation.completed_on is not None:
        raise ValidationError(
            _("Het onderzoek is op %(day)s afgerond en kan niet meer worden gewijzigd.")
            % {"day": investigation.completed_on.strftime("%d-%m-%Y")}
        )


def investigation_fingerprint(investigation: Investigation) -> str:
    """A short digest of the editable fields: the edit form's stand-in for a version number."""
    parts = [
        investigation.personal_plan_received_on.isoformat()
        if investigation.personal_plan_received_on
        else "",
        investigation.personal_plan_summary,
        investigation.conclusion,
        investigation.completed_on.isoformat() if investigation.completed_on else "",
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


def conversation_add(
    *,
    actor: User,
    case: Case,
    held_on: datetime.date,
    place: str,
    residents: Iterable[Resident],
    network_members: Iterable[NetworkMember] = (),
    client_supporter_present: bool = False,
    other_participants: str = "",
    summary: str,
) -> Conversation:
    """Record a keukentafelgesprek with who took part, where, and what was discussed."""
    _require_worker(actor, case)
    resident_list = list(residents)
    network_list = list(network_members)
    errors: dict[str, Any] = {}
    if held_on > timezone.localdate():
        errors["held_on"] = _("Een gesprek kan niet in de toekomst hebben plaatsgevonden.")
    if not place.strip():
        errors["place"] = _(
            "Vul in waar het gesprek plaatsvond, bijvoorbeeld: bij de inwoner thuis."
        )
    elif len(place) > PLACE_MAX:
        errors["place"] = _("Gebruik voor de plaats hoogstens %(n)s tekens.") % {"n": PLACE_MAX}
    if not resident_list:
        errors["residents"] = _("Kies minstens één inwoner die aan het gesprek deelnam.")
    elif any(r.household_id != case.household_id for r in resident_list):
        errors["residents"] = _("Kies alleen inwoners uit het huishouden van deze casus.")
    if any(m.household_id != case.household_id for m in network_list):
        errors["network_members"] = _(
            "Kies alleen leden van het informele netwerk van dit huishouden."
        )
    if len(other_participants) > OTHER_PARTICIPANTS_MAX:
        errors["other_participants"] = _("Gebruik hoogstens %(n)s tekens.") % {
            "n": OTHER_PARTICIPANTS_MAX
        }
    if not summary.strip():
        errors["summary"] = _("Schrijf op wat er in het gesprek is besproken.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _require_open(case)
        investigation = _locked_investigation(case)
        _require_not_completed(investigation)
        conversation = Conversation(
            investigation=investigation,
            held_on=held_on,
            place=place.strip(),
            client_supporter_present=client_supporter_present,
            other_participants=other_participants.strip(),
            summary=summary.strip(),
            recorded_by=actor,
        )
        conversation.full_clean()
        conversation.save()
        conversation.residents.set(resident_list)
        conversation.network_members.set(network_list)
        audit_record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=conversation,
            object_repr=_("keukentafelgesprek"),
            changes={
                "held_on": held_on.isoformat(),
                "residents": sorted(r.pk for r in resident_list),
                "network_members": sorted(m.pk for m in network_list),
                "client_supporter_present": client_supporter_present,
            },
        )
        log_access(
            user=actor,
            action=AccessAction.CREATE,
            residents=_household_resident_ids(case),
            obj=conversation,
            purpose=_("keukentafelgesprek vastgelegd"),
        )
    return conversation


def investigation_update(
    *,
    actor: User,
    case: Case,
    personal_plan_received_on: datetime.date | None,
    personal_plan_summary: str,
    conclusion: str,
    expected_fingerprint: str | None = None,
) -> Investigation:
    """Record the resident's persoonlijk plan and the conclusion so far.

    A received persoonlijk plan marks the tracked term ``wmo_persoonlijk_plan`` as met.
    """
    _require_worker(actor, case)
    errors: dict[str, Any] = {}
    today = timezone.localdate()
    if personal_plan_received_on is not None and personal_plan_received_on > today:
        errors["personal_plan_received_on"] = _(
            "De ontvangstdatum van het persoonlijk plan kan niet in de toekomst liggen."
        )
    if personal_plan_received_on is not None and not personal_plan_summary.strip():
        errors["personal_plan_summary"] = _(
            "Vat samen wat de inwoner in het persoonlijk plan schrijft."
        )
    if personal_plan_received_on is None and personal_plan_summary.strip():
        errors["personal_plan_received_on"] = _("Vul in wanneer het persoonlijk plan is ontvangen.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        _require_open(case)
        investigation = _locked_investigation(case)
        if expected_fingerprint is not None and expected_fingerprint != investigation_fingerprint(
            investigation
        ):
            raise ConcurrentEditError
        _require_not_completed(investigation)
        before = {
            "personal_plan_received_on": investigation.personal_plan_received_on,
            "personal_plan_summary": investigation.personal_plan_summary,
            "conclusion": investigation.conclusion,
        }
        investigation.personal_plan_received_on = personal_plan_received_on
        investigation.personal_plan_summary = personal_plan_summary.strip()
        investigation.conclusion = conclusion.strip()
        investigation.full_clean()
        investigation.save()
        after = {
            "personal_plan_received_on": investigation.personal_plan_received_on,
            "personal_plan_summary": investigation.personal_plan_summary,
            "conclusion": investigation.conclusion,
        }
        if personal_plan_received_on is not None:
            term_meet(case=case, key="wmo_persoonlijk_plan", on=personal_plan_received_on)
        # Field names only: the texts themselves are resident data and stay out of the audit.
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=investigation,
            object_repr=_("onderzoek"),
            changes={"fields": sorted(k for k in before if before[k] != after[k])},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_resident_ids(case),
            obj=investigation,
            purpose=_("onderzoek bijgewerkt"),
        )
    return investigation


def investigation_complete(
    *, actor: User, case: Case, completed_on: datetime.date
) -> Investigation:
    """Close the onderzoek: it needs a conclusion and at least one conversation.

    Marks the tracked term ``wmo_onderzoek`` as met on the completion date.
    """
    _require_worker(actor, case)
    if completed_on > timezone.localdate():
        raise ValidationError(
            {"completed_on": _("De datum van afronden kan niet in de toekomst liggen.")}
        )
    with transaction.atomic():
        _require_open(case)
        investigation = _locked_investigation(case)
        _require_not_completed(investigation)
        errors: dict[str, Any] = {}
        if not investigation.conclusion.strip():
            errors["conclusion"] = _(
                "Schrijf eerst de conclusie van het onderzoek op (onderzoek bijwerken)."
            )
        last = (
            Conversation.objects.filter(investigation=investigation)
            .order_by("-held_on")
            .values_list("held_on", flat=True)
            .first()
        )
        if last is None:
            errors["conversations"] = _(
                "Leg eerst minstens één keukentafelgesprek vast voordat u het onderzoek afrondt."
            )
        elif completed_on < last:
            errors["completed_on"] = _(
                "Het onderzoek kan niet zijn afgerond vóór het laatste gesprek (%(day)s)."
            ) % {"day": last.strftime("%d-%m-%Y")}
        if errors:
            raise ValidationError(errors)
        investigation.completed_on = completed_on
        investigation.save(update_fields=["completed_on"])
        term_meet(case=case, key="wmo_onderzoek", on=completed_on)
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=investigation,
            object_repr=_("onderzoek"),
            changes={"completed_on": [None, completed_on.isoformat()]},
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_resident_ids(case),
            obj=investigation,
            purpose=_("onderzoek afgerond"),
        )
    return investigation


def verslag_handed(*, actor: User, case: Case, handed_on: datetime.date) -> Investigation:
    """Record the day the written verslag was given to the resident (only after completion)."""
    _require_worker(actor, case)
    if handed_on > timezone.localdate():
        raise ValidationError(
            {"handed_on": _("De datum van uitreiken kan niet in de toekomst liggen.")}
        )
    with transaction.atomic():
        investigation = _locked_investigation(case)
        if investigation.completed_on is None:
            raise ValidationError(
                {
                    "handed_on": _(
                        "Rond eerst het onderzoek af; daarna geeft u het verslag aan de inwoner."
                    )
                }
            )
        if handed_on < investigation.completed_on:
            raise ValidationError(
                {
                    "handed_on": _(
                        "Het verslag kan niet zijn uitgereikt vóór het onderzoek was afgerond "
                        "(%(day)s)."
                    )
                    % {"day": investigation.completed_on.strftime("%d-%m-%Y")}
                }
            )
        previous = investigation.report_handed_on
        investigation.report_handed_on = handed_on
        investigation.save(update_fields=["report_handed_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=investigation,
            object_repr=_("onderzoek"),
            changes={
                "report_handed_on": [
                    previous.isoformat() if previous else None,
                    handed_on.isoformat(),
                ]
            },
        )
        log_access(
            user=actor,
            action=AccessAction.CHANGE,
            residents=_household_resident_ids(case),
            obj=investigation,
            purpose=_("uitreiken van het verslag vastgelegd"),
        )
    return investigation


def verslag_export(*, actor: User, case: Case) -> tuple[Investigation, bytes]:
    """The verslag as a Dutch PDF; the export is logged (NEN 7513) with every resident in it.

    Anyone who may see the case may export it (the cliëntondersteuner included): the verslag is
    written for the resident.
    """
    from ..documents.verslag import render_verslag

    if not policies.can_view_case(actor, case):
        raise PermissionDenied
    investigation = (
        Investigation.objects.select_related("case__household", "case__team", "case__coordinator")
        .filter(case_id=case.pk)
        .first()
    )
    if investigation is None:
        raise ValidationError(_("Deze casus heeft nog geen onderzoek."))
    conversations = list(
        Conversation.objects.filter(investigation=investigation).prefetch_related(
            "residents", "network_members"
        )
    )
    residents = list(
        Resident.objects.filter(household_id=case.household_id).order_by(
            "date_of_birth", "last_name"
        )
    )
    pdf = render_verslag(
        investigation=investigation, residents=residents, conversations=conversations
    )
    log_access(
        user=actor,
        action=AccessAction.EXPORT,
        residents=[r.pk for r in residents],
        obj=investigation,
        purpose=_("verslag van het onderzoek als PDF"),
    )
    return investigation, pdf
