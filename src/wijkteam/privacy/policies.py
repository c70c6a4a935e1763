"""The consent check as small named functions: which categories of data consents and
legal-ground sharings open for an organisation, and how categories map to screens.

The rule for a case (who sees everything, who sees only what was consented to) is in
``wijkteam.cases.policies_consent``, one floor up, which builds on these.

Need-to-know (DESIGN §2): a member employed by the organisation responsible for the team's
dossiers, and the teamleider, see the whole case. A member employed by another organisation
sees only the categories of data the household's residents consented to for that
organisation (valid today, not withdrawn), plus what was shared with it on a recorded legal
ground. A withdrawal takes effect at once: nothing here is cached (the consents are read on
every check; only the SQL of the statement is compiled once, :mod:`wijkteam.core.compiled`).
"""

import datetime
from collections.abc import Callable, Sequence
from typing import Any

from django.db.models import Q, QuerySet

from wijkteam.core import compiled

from .constants import ALL_CATEGORIES, DOMAIN_CATEGORIES, SECTION_CATEGORIES, DataCategory
from .models import Consent


def consent_filter(*, day: datetime.date) -> Q:
    """Consents and legal-ground sharings in force on ``day``."""
    return Q(withdrawn_at__isnull=True, valid_from__lte=day) & (
        Q(valid_until__isnull=True) | Q(valid_until__gte=day)
    )


def may_see(visible: frozenset[str] | None, category: str) -> bool:
    return visible is None or category in visible


def category_flags(visible: frozenset[str] | None) -> dict[str, bool]:
    """``{"plan": True, "gezondheid": False, ...}`` for templates (``page.categories.plan``)."""
    return {c: may_see(visible, c) for c in DataCategory.values}


def section_category(name: str) -> str | None:
    return SECTION_CATEGORIES.get(name)


def section_visible(name: str, visible: frozenset[str] | None) -> bool:
    """May a case-page section be shown? Unknown sections only to those who see everything."""
    if visible is None:
        return True
    category = section_category(name)
    return category is not None and category in visible


def domain_category(domain_code: str) -> str:
    """The category of an assessment domain: gezondheid, financiën or plain assessment."""
    return DOMAIN_CATEGORIES.get(domain_code, DataCategory.ASSESSMENT)


def domain_visible(domain_code: str, visible: frozenset[str] | None) -> bool:
    return may_see(visible, domain_category(domain_code))


def consents_in_force(
    *,
    organisation_id: int,
    day: datetime.date,
    resident_ids: Sequence[int] | None = None,
    household_id: int | None = None,
) -> "QuerySet[Any]":
    """The categories (``values_list``) of the consents and legal-ground sharings for
    ``organisation_id`` in force on ``day``, by the given residents and/or by any member of
    the household."""
    consents = Consent.objects.filter(consent_filter(day=day), organisation_id=organisation_id)
    if resident_ids is not None:
        consents = consents.filter(resident_id__in=list(resident_ids))
    if household_id is not None:
        consents = consents.filter(resident__household_id=household_id)
    return consents.values_list("categories", flat=True)


def _of_household(organisation_id: int, household_id: int, day: datetime.date) -> "QuerySet[Any]":
    return consents_in_force(organisation_id=organisation_id, day=day, household_id=household_id)


def _of_residents(organisation_id: int, *ids_and_day: Any) -> "QuerySet[Any]":
    *resident_ids, day = ids_and_day
    return consents_in_force(organisation_id=organisation_id, day=day, resident_ids=resident_ids)


def consented_categories(
    *,
    organisation_id: int,
    day: datetime.date,
    resident_ids: list[int] | None = None,
    household_id: int | None = None,
) -> frozenset[str]:
    """The categories consented to (or shared on a legal ground) for ``organisation_id`` on
    ``day``, by the given residents or by any member of the household (one query, asked every
    time: a withdrawal counts at once). The statement is compiled once
    (:mod:`wijkteam.core.compiled`); ``day`` is a parameter of every call."""
    values: list[Any]
    build: Callable[..., QuerySet[Any]] | None = None
    key, ids = "", [organisation_id]
    if resident_ids is None and household_id is not None:
        key, build, ids = "privacy.consents.household", _of_household, [*ids, household_id]
    elif resident_ids is not None and household_id is None:
        key, build, ids = "privacy.consents.residents", _of_residents, [*ids, *resident_ids]
    if build is not None:
        found = compiled.rows(key, build, ids, moments=[day])
        values = [row[0] for row in found]
    else:
        values = list(
            consents_in_force(
                organisation_id=organisation_id,
                day=day,
                resident_ids=resident_ids,
                household_id=household_id,
            )
        )
    categories: set[str] = set()
    for value in values:
        categories.update(c for c in value or [] if c in ALL_CATEGORIES)
    return frozenset(categories)
