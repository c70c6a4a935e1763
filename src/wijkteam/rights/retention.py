"""Retention: find dossiers past their term and destroy each in one transaction.

A dossier is a closed case, together with its household's data (residents, network,
meldingen, consents, inzage and correction requests) when the household has no other case
left: no open case and no newer one still within its term. Meldingen without a case have
their own, shorter term: a household that never had a case is destroyed when its last
melding (or registration) is past that term; an old melding without case in a household that
does have a case is destroyed on its own.

What goes with a case and with a household is what the apps registered in
``wijkteam.privacy.registry`` (``registrations.py`` in each app), in their order.

Every destruction leaves a :class:`DestructionRecord` without personal data (kind, when,
rule, counts per model) and a DELETE entry in the access log with the residents concerned.

The access log has its own term: :mod:`wijkteam.rights.retention_log`.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max, ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.constants import CaseState, LawTrack
from wijkteam.cases.models import Case, Decision, Report
from wijkteam.privacy import registry
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, DossierKind
from wijkteam.residents.models import Household, Resident
from wijkteam.rights.models import (
    DestructionRecord,
    RetentionRule,
)

Progress = Callable[[str], None]


def add_years(day: datetime.date, years: int) -> datetime.date:
    """The same day ``years`` later (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def case_kind(law_track: str) -> str:
    """Jeugdwet cases keep the Jeugdwet term; Wmo and other casework the Wmo term."""
    return DossierKind.JEUGDWET if law_track == LawTrack.JEUGDWET else DossierKind.WMO


def system_actor() -> User:
    """The actor of scheduled retention in the logs (never saved)."""
    return User(username="systeem-bewaartermijnen")


@dataclass
class Dossier:
    kind: str
    rule: RetentionRule
    due_on: datetime.date
    case_id: int | None = None
    household_id: int | None = None
    report_ids: list[int] = field(default_factory=list)
    reference: str = ""

    def describe(self) -> str:
        label = DossierKind(self.kind).label
        parts = [f"{label}: {self.reference}"]
        if self.household_id is not None and self.case_id is not None:
            parts.append(_("met de gegevens van het huishouden"))
        parts.append(_("termijn verstreken op %s") % self.due_on.strftime("%d-%m-%Y"))
        return ", ".join(parts)


def rules() -> dict[str, RetentionRule]:
    return {r.kind: r for r in RetentionRule.objects.all()}


def find_due_dossiers(*, today: datetime.date | None = None) -> list[Dossier]:
    """Every dossier past its term on ``today``, oldest term first within a household."""
    today = today or timezone.localdate()
    by_kind = rules()
    dossiers: list[Dossier] = []
    dossiers += _case_dossiers(today, by_kind)
    dossiers += _melding_dossiers(today, by_kind)
    return dossiers


def _case_dossiers(today: datetime.date, by_kind: dict[str, RetentionRule]) -> list[Dossier]:
    case_rules = [by_kind[k] for k in (DossierKind.JEUGDWET, DossierKind.WMO) if k in by_kind]
    if not case_rules:
        return []
    shortest = min(r.years for r in case_rules)
    latest_closure = add_years(today, -shortest)
    candidates = (
        Case.objects.filter(state=CaseState.AFGESLOTEN, closed_on__lte=latest_closure)
        .order_by("household_id", "closed_on", "pk")
        .values_list("pk", "household_id", "law_track", "closed_on")
    )
    due: dict[int, list[tuple[int, str, datetime.date, datetime.date]]] = defaultdict(list)
    for pk, household_id, law_track, closed_on in candidates.iterator(2000):
        kind = case_kind(law_track)
        rule = by_kind.get(kind)
        if rule is None or closed_on is None:
            continue
        due_on = add_years(closed_on, rule.years)
        if due_on <= today:
            due[household_id].append((pk, kind, closed_on, due_on))
    if not due:
        return []
    all_cases: dict[int, set[int]] = defaultdict(set)
    for pk, household_id in Case.objects.filter(household_id__in=list(due)).values_list(
        "pk", "household_id"
    ):
        all_cases[household_id].add(pk)
    dossiers: list[Dossier] = []
    for household_id, items in due.items():
        remaining = all_cases[household_id] - {pk for pk, *_rest in items}
        for index, (pk, kind, closed_on, due_on) in enumerate(items):
            last = index == len(items) - 1
            dossiers.append(
                Dossier(
                    kind=kind,
                    rule=by_kind[kind],
                    due_on=due_on,
                    case_id=pk,
                    household_id=household_id if last and not remaining else None,
                    reference=_("casus %(id)s, afgesloten op %(date)s")
                    % {"id": pk, "date": closed_on.strftime("%d-%m-%Y")},
                )
            )
    return dossiers


def _melding_dossiers(today: datetime.date, by_kind: dict[str, RetentionRule]) -> list[Dossier]:
    rule = by_kind.get(DossierKind.MELDING)
    if rule is None:
        return []
    cutoff = add_years(today, -rule.years)
    tz = timezone.get_current_timezone()
    cutoff_at = datetime.datetime.combine(
        cutoff + datetime.timedelta(days=1), datetime.time.min, tz
    )
    dossiers: list[Dossier] = []
    # Households that never had a case: everything goes when the last activity is past the term.
    households = (
        Household.objects.filter(cases__isnull=True, created_at__lt=cutoff_at)
        .annotate(
            last_report=Max("members__reports__received_at"),
            last_registration=Max("members__created_at"),
        )
        .order_by("pk")
        .values_list("pk", "created_at", "last_report", "last_registration")
    )
    for pk, created_at, last_report, last_registration in households.iterator(2000):
        moments = [m for m in (created_at, last_report, last_registration) if m is not None]
        last = timezone.localdate(max(moments))
        due_on = add_years(last, rule.years)
        if due_on <= today:
            dossiers.append(
                Dossier(
                    kind=DossierKind.MELDING,
                    rule=rule,
                    due_on=due_on,
                    household_id=pk,
                    reference=_(
                        "huishouden %(id)s zonder casus, laatste melding of registratie op %(date)s"
                    )
                    % {"id": pk, "date": last.strftime("%d-%m-%Y")},
                )
            )
    # Old meldingen without a case in households that do have a case: only those meldingen.
    reports: dict[int, list[tuple[int, datetime.datetime]]] = defaultdict(list)
    for pk, household_id, received_at in (
        Report.objects.filter(
            case__isnull=True,
            received_at__lt=cutoff_at,
            resident__household__cases__isnull=False,
        )
        .distinct()
        .order_by("resident__household_id", "received_at")
        .values_list("pk", "resident__household_id", "received_at")
    ):
        reports[household_id].append((pk, received_at))
    for items in reports.values():
        eligible = [
            (pk, at) for pk, at in items if add_years(timezone.localdate(at), rule.years) <= today
        ]
        if eligible:
            newest = timezone.localdate(eligible[-1][1])
            dossiers.append(
                Dossier(
                    kind=DossierKind.MELDING,
                    rule=rule,
                    due_on=add_years(newest, rule.years),
                    report_ids=[pk for pk, _at in eligible],
                    reference=_("%(n)s melding(en) zonder casus, de laatste van %(date)s")
                    % {"n": len(eligible), "date": newest.strftime("%d-%m-%Y")},
                )
            )
    return dossiers


# --------------------------------------------------------------------------------------------
# Destruction
# --------------------------------------------------------------------------------------------


class DossierChangedError(Exception):
    """The dossier is no longer due (reopened, changed) since it was found."""


def _add(counts: Counter[str], result: tuple[int, dict[str, int]]) -> None:
    for label, number in result[1].items():
        if number:
            counts[label] += number


def _destroy_case(case_id: int, due: Dossier, counts: Counter[str]) -> list[int]:
    case = Case.objects.select_for_update().filter(pk=case_id).first()
    if case is None or case.state != CaseState.AFGESLOTEN or case.closed_on is None:
        raise DossierChangedError(_("de casus is niet meer afgesloten"))
    if add_years(case.closed_on, due.rule.years) > timezone.localdate():
        raise DossierChangedError(_("de afsluitdatum is gewijzigd"))
    residents = list(
        Resident.objects.filter(household_id=case.household_id).values_list("pk", flat=True)
    )
    residents += list(Decision.objects.filter(case=case).values_list("resident_id", flat=True))
    residents += list(Report.objects.filter(case=case).values_list("resident_id", flat=True))
    for contribution in registry.case_rows():
        _add(counts, contribution.rows(case.pk).delete())
    return residents


def _destroy_household(household_id: int, counts: Counter[str]) -> tuple[list[int], bool]:
    """Remove a household without cases and everything about its residents.

    Returns the resident ids and whether it was removed; a household whose residents are still
    referenced elsewhere (a decision in another household's case) is kept.
    """
    if Case.objects.filter(household_id=household_id).exists():
        return [], False
    residents = list(
        Resident.objects.filter(household_id=household_id).values_list("pk", flat=True)
    )
    local: Counter[str] = Counter()
    try:
        with transaction.atomic():
            for contribution in registry.resident_rows():
                _add(local, contribution.rows(residents, household_id).delete())
    except (ProtectedError, RestrictedError):
        return residents, False
    counts.update(local)
    return residents, True


@dataclass
class Outcome:
    dossier: Dossier
    counts: dict[str, int]
    household_kept: bool = False
    record: DestructionRecord | None = None


def destroy_dossier(
    dossier: Dossier, *, actor: User | None = None, dry_run: bool = False
) -> Outcome:
    """Destroy one dossier in one transaction (rolled back again when ``dry_run``)."""
    actor = actor or system_actor()
    counts: Counter[str] = Counter()
    residents: list[int] = []
    household_kept = False
    with transaction.atomic():
        if dossier.case_id is not None:
            residents += _destroy_case(dossier.case_id, dossier, counts)
        if dossier.report_ids:
            residents += list(
                Report.objects.filter(pk__in=dossier.report_ids).values_list(
                    "resident_id", flat=True
                )
            )
            _add(
                counts, Report.objects.filter(pk__in=dossier.report_ids, case__isnull=True).delete()
            )
        if dossier.household_id is not None:
            household_residents, removed = _destroy_household(dossier.household_id, counts)
            residents += household_residents
            household_kept = not removed
            if household_kept and dossier.case_id is None:
                raise DossierChangedError(_("het huishouden is nog in gebruik"))
        record = DestructionRecord.objects.create(
            kind=dossier.kind,
            rule_years=dossier.rule.years,
            rule_source=dossier.rule.source,
            counts=dict(sorted(counts.items())),
        )
        log_access(
            user=actor,
            action=AccessAction.DELETE,
            residents=residents,
            obj=record,
            purpose=_("vernietigd na de bewaartermijn: %(kind)s, %(years)s jaar")
            % {"kind": DossierKind(dossier.kind).label, "years": dossier.rule.years},
        )
        audit_record(
            actor=actor if actor.pk else None,
            action=AuditAction.DELETE,
            obj=record,
            object_repr=_("Vernietiging na bewaartermijn (%s)") % DossierKind(dossier.kind).label,
            changes=dict(counts),
        )
        if dry_run:
            transaction.set_rollback(True)
    return Outcome(
        dossier=dossier,
        counts=dict(sorted(counts.items())),
        household_kept=household_kept,
        record=None if dry_run else record,
    )
