"""Hints that tell same-named households apart in lists (caseload, work queue, meldingen).

The buurt, the address and the birth year of the main resident (of a melding: of its
resident) — only where the user may see the basic data under the case page's rule
(:func:`~wijkteam.cases.policies_consent.case_ids_showing`, for a melding
:func:`~wijkteam.cases.policies_consent.report_ids_showing`).
"""

from collections.abc import Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet, prefetch_related_objects
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.core import compiled
from wijkteam.privacy.constants import DataCategory
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.residents.models import Resident

from .models import Case, Report
from .policies_consent import case_ids_showing, report_ids_showing
from .selectors_queue_sql import IdsText, ids_text, vendor_of


def members_prefetch() -> Prefetch:
    """The household's members with their buurt, as :func:`household_hints` needs them."""
    return Prefetch(
        "household__members",
        queryset=Resident.objects.select_related("neighbourhood").order_by("pk"),
    )


def prefetch_members(cases: Iterable[Case]) -> None:
    """Load the members (and buurt) of the households of ``cases`` already fetched: one query
    for all of them, however many cases (or copies of one case) there are."""
    prefetch_related_objects(list(cases), members_prefetch())


def household_hints(user: User, cases: Any) -> None:
    """Set ``case.household_hint`` so that same-named households can be told apart: the buurt,
    the address and the birth year of the main resident — only where the user may see the
    case's basic data; otherwise the hint stays empty. Needs ``household__members`` prefetched
    (with their buurt)."""
    shown = case_ids_showing(user, cases, DataCategory.BASISGEGEVENS)
    for case in cases:
        case.household_hint = ""
        members = list(case.household.members.all())
        if case.pk not in shown or not members:
            continue
        main = next(
            (m for m in members if m.household_relation == HouseholdRelation.HOOFDBEWONER),
            members[0],
        )
        case.household_hint = resident_hint(main)


def household_hints_from_rows(
    user: User, cases: Any, *, shown: set[int] | None = None
) -> list[int]:
    """:func:`household_hints` without model objects: the members of the households of
    ``cases`` are read as tuples in one query (none without cases), then the hints are set
    exactly as :func:`household_hints` sets them (the same rule, the same consent check).
    Returns the ids of those residents (sorted), for the access log. For lists that need the
    members only for the hint and the log (the work queue, the caseload; docs/performance.md).
    ``shown``: the ids of ``cases`` whose basic data the user may see, when the caller already
    has them from the same rule (``policies_consent.case_and_report_ids_showing``)."""
    cases = list(cases)
    members: dict[int, list[tuple[int, str, str, str, str, Any]]] = {}
    households = {c.household_id for c in cases}
    if households:
        for pk, household_id, relation, buurt, street, number, born in household_members(
            households
        ):
            members.setdefault(household_id, []).append(
                (pk, relation, buurt or "", street, number, born)
            )
    if shown is None:
        shown = case_ids_showing(user, cases, DataCategory.BASISGEGEVENS)
    for case in cases:
        case.household_hint = ""
        rows = members.get(case.household_id, [])
        if case.pk not in shown or not rows:
            continue
        main = next((m for m in rows if m[1] == HouseholdRelation.HOOFDBEWONER), rows[0])
        case.household_hint = _hint_text(main[2], main[3], main[4], main[5].year)
    return sorted(pk for rows in members.values() for pk, *_rest in rows)


def household_members(households: Iterable[int]) -> list[tuple[Any, ...]]:
    """(pk, household, relation, buurt, street, number, born) of the members of
    ``households``, by pk: ``InIds`` on the households, compiled once (``core/compiled.py``,
    the ids as ``InIds``' text parameter: ``selectors_queue_sql.IdsText``; issue 17)."""

    def build(text: str) -> "QuerySet[Any]":
        return (
            Resident.objects.filter(IdsText("household_id", text))
            .order_by("pk")
            .values_list(
                "pk",
                "household_id",
                "household_relation",
                "neighbourhood__name",
                "street",
                "house_number",
                "date_of_birth",
            )
        )

    text = ids_text(households, vendor_of(Resident))
    return compiled.rows(("hints", "members"), build, [], texts=[text])


def resident_hint(resident: Resident) -> str:
    """ "Buurt · Straat 12 · geboren 1958": needs ``neighbourhood`` loaded."""
    return _hint_text(
        resident.neighbourhood.name if resident.neighbourhood else "",
        resident.street,
        resident.house_number,
        resident.date_of_birth.year,
    )


def _hint_text(buurt: str, street: str, house_number: str, year: int) -> str:
    parts = [
        buurt,
        f"{street} {house_number}".strip(),
        _("geboren %(year)s") % {"year": year},
    ]
    return " · ".join(p for p in parts if p)


def report_hints(user: User, reports: Iterable[Report], *, shown: set[int] | None = None) -> None:
    """Set ``report.shows_resident`` (may the user see the resident's basic data: name,
    address, birth date) and ``report.household_hint`` (empty when not) on each melding.
    Needs ``resident__neighbourhood`` loaded; one query at most (the consents), none when the
    user's teams show everything, or ``shown`` is given (the ids of ``reports`` the user may
    see under the same rule: ``policies_consent.case_and_report_ids_showing``)."""
    rows: list[Any] = list(reports)
    if shown is None:
        shown = report_ids_showing(user, rows, DataCategory.BASISGEGEVENS)
    for report in rows:
        report.shows_resident = report.pk in shown
        report.household_hint = resident_hint(report.resident) if report.shows_resident else ""
