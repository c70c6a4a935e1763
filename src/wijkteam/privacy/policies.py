"""The consent check as small named functions: which categories of data consents and
legal-ground sharings open for an organisation, and how categories map to screens.

The rule for a case (who sees everything, who sees only what was consented to) is in
``wijkteam.cases.policies_consent``, one floor up, which builds on these.

Need-to-know (DESIGN §2): a member employed by the organisation responsible for the team's
dossiers, and the teamleider, see the whole case. A member employed by another organisation
sees only the categories of data the household's residents consented to for that
organisation (valid today, not withdrawn), plus what was shared with it on a recorded legal
ground. A withdrawal takes effect at once: nothing here is cached.
"""

import datetime

from django.db.models import Q

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


def consented_categories(
    *,
    organisation_id: int,
    day: datetime.date,
    resident_ids: list[int] | None = None,
    household_id: int | None = None,
) -> frozenset[str]:
    """The categories consented to (or shared on a legal ground) for ``organisation_id`` on
    ``day``, by the given residents or by any member of the household (one query)."""
    consents = Consent.objects.filter(consent_filter(day=day), organisation_id=organisation_id)
    if resident_ids is not None:
        consents = consents.filter(resident_id__in=resident_ids)
    if household_id is not None:
        consents = consents.filter(resident__household_id=household_id)
    categories: set[str] = set()
    for value in consents.values_list("categories", flat=True):
        categories.update(c for c in value or [] if c in ALL_CATEGORIES)
    return frozenset(categories)
