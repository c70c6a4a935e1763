"""Citizen initiatives and the team's support for them (professionals and the beheerder)."""

import datetime
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
from wijkteam.organisation.models import District, Neighbourhood, Team

from ..constants import InitiativeStatus, SupportKind
from ..models import Initiative, InitiativeSupport
from ..policies import may_register_initiative, municipality_ids, support_teams
from .common import apply, clean_domains, clean_groups


def initiative_save(
    *,
    actor: User,
    initiative: Initiative | None = None,
    name: str,
    description: str,
    district: District,
    neighbourhood: Neighbourhood | None = None,
    meeting_place: str = "",
    for_whom: str = "",
    target_groups: Iterable[str] = (),
    life_domains: Iterable[str] = (),
    status: str = InitiativeStatus.ACTIEF,
    contact_name: str = "",
    contact_phone: str = "",
    contact_email: str = "",
    contact_consent_on: datetime.date | None = None,
    expected_version: int | None = None,
) -> Initiative:
    """Register or change an initiative. Contact details are kept only with the date on which
    the contact person consented to be listed; without it they are refused, not dropped. A
    change raises the version; with ``expected_version`` a stale change raises
    ``ConcurrentEditError`` and writes nothing."""
    if not may_register_initiative(actor):
        raise PermissionDenied(_("U mag geen initiatieven registreren."))
    allowed = municipality_ids(actor)
    if allowed is not None and district.municipality_id not in allowed:
        raise PermissionDenied(_("Deze wijk hoort niet bij de gemeente van uw team."))
    errors: dict[str, Any] = {}
    domains = clean_domains(errors, life_domains)
    groups = clean_groups(errors, target_groups)
    if neighbourhood is not None and neighbourhood.district_id != district.pk:
        errors["neighbourhood"] = _("Deze buurt ligt niet in de gekozen wijk.")
    contact = [contact_name.strip(), contact_phone.strip(), contact_email.strip()]
    if any(contact) and contact_consent_on is None:
        errors["contact_consent_on"] = _(
            "Een contactpersoon wordt alleen vermeld met zijn of haar toestemming. Vul de datum "
            "van de toestemming in, of laat de contactgegevens leeg."
        )
    if contact_consent_on is not None and contact_consent_on > timezone.localdate():
        errors["contact_consent_on"] = _("De datum van de toestemming ligt in de toekomst.")
    if contact_consent_on is not None and not contact[0]:
        errors["contact_name"] = _("Vul de naam van de contactpersoon in.")
    item = initiative or Initiative(municipality_id=district.municipality_id, created_by=actor)
    if initiative is not None and district.municipality_id != initiative.municipality_id:
        errors["district"] = _("Een initiatief blijft in zijn eigen gemeente.")
    changes = apply(
        item,
        {
            "name": name.strip(),
            "description": description.strip(),
            "district": district,
            "neighbourhood": neighbourhood,
            "meeting_place": meeting_place.strip(),
            "for_whom": for_whom.strip(),
            "target_groups": groups,
            "life_domains": domains,
            "status": status,
            "contact_name": contact[0],
            "contact_phone": contact[1],
            "contact_email": contact[2],
            "contact_consent_on": contact_consent_on if any(contact) else None,
        },
    )
    try:
        item.full_clean()
    except ValidationError as exc:
        errors.update({k: v for k, v in exc.message_dict.items() if k not in errors})
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        created = item.pk is None
        if not created:
            current = Initiative.objects.select_for_update().only("version").get(pk=item.pk)
            if expected_version is not None and current.version != expected_version:
                raise ConcurrentEditError
            item.version = current.version + 1
        item.save()
        audit_record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            obj=item,
            changes=None if created else changes,
        )
    return item


def initiative_support_add(
    *,
    actor: User,
    initiative: Initiative,
    team: Team,
    kind: str,
    started_on: datetime.date,
    note: str = "",
) -> InitiativeSupport:
    """The team supports the initiative from ``started_on`` (a member of that team records it)."""
    if not support_teams(actor).filter(pk=team.pk).exists():
        raise PermissionDenied(_("U kunt alleen steun van uw eigen team vastleggen."))
    errors: dict[str, Any] = {}
    if team.municipality_id != initiative.municipality_id:
        errors["team"] = _("Dit team werkt niet in de gemeente van het initiatief.")
    if kind not in SupportKind.values:
        errors["kind"] = _("Kies een soort steun uit de lijst.")
    if kind == SupportKind.ANDERS and not note.strip():
        errors["note"] = _("Licht toe wat het team doet.")
    if errors:
        raise ValidationError(errors)
    support = InitiativeSupport(
        initiative=initiative,
        team=team,
        kind=kind,
        note=note.strip(),
        started_on=started_on,
        created_by=actor,
    )
    support.full_clean()
    with transaction.atomic():
        support.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=support)
    return support


def initiative_support_end(
    *, actor: User, support: InitiativeSupport, ended_on: datetime.date
) -> InitiativeSupport:
    if not support_teams(actor).filter(pk=support.team_id).exists():
        raise PermissionDenied(_("U kunt alleen steun van uw eigen team beëindigen."))
    if ended_on < support.started_on:
        raise ValidationError({"ended_on": _("De einddatum ligt voor de begindatum van de steun.")})
    with transaction.atomic():
        before = support.ended_on
        support.ended_on = ended_on
        support.save(update_fields=["ended_on"])
        audit_record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=support,
            changes={"ended_on": [str(before), str(ended_on)]},
        )
    return support
