"""Writes of the team set-up. Each service: keyword-only, one transaction, audit inside.

Only the functioneel beheerder configures (``policies.can_configure``); the check is repeated
here so that no entry point (screen, API, shell script) can skip it.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.forms.models import model_to_dict
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core import request_cache
from wijkteam.core.exceptions import ConcurrentEditError

from . import policies
from .constants import Function, TeamRole
from .models import (
    District,
    MandateRule,
    Membership,
    MembershipRole,
    Municipality,
    Neighbourhood,
    Organisation,
    Team,
    TeamFunction,
    Versioned,
)


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime.date | Decimal):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(str(getattr(v, "pk", v)) for v in value)
    return value


def _snapshot(instance: models.Model) -> dict[str, Any]:
    data = model_to_dict(instance)
    data.pop("version", None)
    return {k: _jsonable(v) for k, v in data.items()}


def _require_configurer(actor: User) -> None:
    if not policies.can_configure(actor):
        raise PermissionDenied(_("Alleen een functioneel beheerder mag de inrichting wijzigen."))


def _save_versioned[V: Versioned](
    *,
    actor: User,
    instance: V,
    expected_version: int | None,
    extra_changes: dict[str, Any] | None = None,
) -> V:
    """Validate, detect a stale version, save and audit. Caller holds the transaction."""
    instance.full_clean()
    if instance._state.adding:
        instance.version = 1
        instance.save()
        changes = _snapshot(instance)
        action = AuditAction.CREATE
    else:
        current = type(instance)._default_manager.select_for_update().get(pk=instance.pk)
        if expected_version is not None and current.version != expected_version:
            raise ConcurrentEditError
        before, after = _snapshot(current), _snapshot(instance)
        changes = {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}
        instance.version = current.version + 1
        instance.save()
        action = AuditAction.UPDATE
    if extra_changes:
        changes.update(extra_changes)
    audit_record(actor=actor, action=action, obj=instance, changes=changes)
    return instance


def municipality_save(
    *, actor: User, municipality: Municipality, expected_version: int | None = None
) -> Municipality:
    _require_configurer(actor)
    with transaction.atomic():
        return _save_versioned(
            actor=actor, instance=municipality, expected_version=expected_version
        )


def district_save(
    *, actor: User, district: District, expected_version: int | None = None
) -> District:
    _require_configurer(actor)
    with transaction.atomic():
        return _save_versioned(actor=actor, instance=district, expected_version=expected_version)


def neighbourhood_save(
    *, actor: User, neighbourhood: Neighbourhood, expected_version: int | None = None
) -> Neighbourhood:
    _require_configurer(actor)
    with transaction.atomic():
        return _save_versioned(
            actor=actor, instance=neighbourhood, expected_version=expected_version
        )


def organisation_save(
    *, actor: User, organisation: Organisation, expected_version: int | None = None
) -> Organisation:
    _require_configurer(actor)
    with transaction.atomic():
        return _save_versioned(
            actor=actor, instance=organisation, expected_version=expected_version
        )


def team_save(
    *,
    actor: User,
    team: Team,
    functions: Iterable[str],
    neighbourhoods: Iterable[Neighbourhood],
    expected_version: int | None = None,
) -> Team:
    """Create or change a team with its functions and its area (buurten)."""
    _require_configurer(actor)
    wanted_functions = set(functions)
    unknown = wanted_functions - set(Function.values)
    if unknown:
        raise ValidationError({"functions": _("Onbekende teamfunctie: %s") % ", ".join(unknown)})
    areas = list(neighbourhoods)
    foreign = [n for n in areas if n.district.municipality_id != team.municipality_id]
    if foreign:
        raise ValidationError(
            {"neighbourhoods": _("Kies alleen buurten uit de gemeente van het team.")}
        )
    with transaction.atomic():
        old_functions: set[str] = set()
        old_areas: set[int] = set()
        if not team._state.adding:
            old_functions = set(team.functions.values_list("function", flat=True))
            old_areas = set(team.neighbourhoods.values_list("pk", flat=True))
        extra: dict[str, Any] = {}
        if old_functions != wanted_functions:
            extra["functions"] = [sorted(old_functions), sorted(wanted_functions)]
        if old_areas != {n.pk for n in areas}:
            extra["neighbourhoods"] = [sorted(old_areas), sorted(n.pk for n in areas)]
        team = _save_versioned(
            actor=actor, instance=team, expected_version=expected_version, extra_changes=extra
        )
        team.functions.exclude(function__in=wanted_functions).delete()
        TeamFunction.objects.bulk_create(
            [TeamFunction(team=team, function=f) for f in sorted(wanted_functions - old_functions)]
        )
        team.neighbourhoods.set(areas)
    return team


def membership_save(
    *,
    actor: User,
    membership: Membership,
    roles: Iterable[str],
    expected_version: int | None = None,
) -> Membership:
    """Add a person to a team, or change their employer, discipline, roles or period."""
    _require_configurer(actor)
    wanted = set(roles)
    if not wanted:
        raise ValidationError({"roles": _("Kies ten minste één rol in het team.")})
    unknown = wanted - set(TeamRole.values)
    if unknown:
        raise ValidationError({"roles": _("Onbekende rol: %s") % ", ".join(sorted(unknown))})
    with transaction.atomic():
        old: set[str] = set()
        if not membership._state.adding:
            old = set(membership.roles.values_list("role", flat=True))
        extra = {"roles": [sorted(old), sorted(wanted)]} if old != wanted else {}
        membership = _save_versioned(
            actor=actor, instance=membership, expected_version=expected_version, extra_changes=extra
        )
        membership.roles.exclude(role__in=wanted).delete()
        MembershipRole.objects.bulk_create(
            [MembershipRole(membership=membership, role=r) for r in sorted(wanted - old)]
        )
    request_cache.clear()  # the access rules of this request must see the new roles
    return membership


def mandate_rule_save(
    *, actor: User, rule: MandateRule, expected_version: int | None = None
) -> MandateRule:
    _require_configurer(actor)
    with transaction.atomic():
        return _save_versioned(actor=actor, instance=rule, expected_version=expected_version)


def mandate_rule_delete(*, actor: User, rule: MandateRule, expected_version: int) -> None:
    _require_configurer(actor)
    with transaction.atomic():
        current = MandateRule.objects.select_for_update().get(pk=rule.pk)
        if current.version != expected_version:
            raise ConcurrentEditError
        audit_record(
            actor=actor, action=AuditAction.DELETE, obj=current, changes=_snapshot(current)
        )
        current.delete()
