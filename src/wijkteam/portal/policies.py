"""Who may see what in the portal: small rules, no queries of their own."""

import datetime

from wijkteam.residents.constants import HouseholdRelation
from wijkteam.residents.models import Resident

from .constants import RepresentationBasis
from .identity import PortalUser
from .models import Representation

ADULT_AGE = 18


def may_see_special_categories(portal_user: PortalUser) -> bool:
    """Case content (health, care, plan, decisions) needs eIDAS "substantieel" or higher."""
    return portal_user.substantial


def sees_household_case(resident: Resident) -> bool:
    """A household's case concerns its adults; a minor child sees it only through a parent."""
    return resident.age >= ADULT_AGE or resident.household_relation != HouseholdRelation.KIND


def may_ask_for_help(portal_user: PortalUser) -> bool:
    """Asking a question needs only "basis": anyone logged in with DigiD."""
    return bool(portal_user.bsn)


def representation_active(representation: Representation, today: datetime.date) -> bool:
    """Within its period; a parent's authority only while the child is a minor."""
    if representation.valid_from > today:
        return False
    if representation.valid_until is not None and representation.valid_until < today:
        return False
    if representation.basis == RepresentationBasis.GEZAG:
        return representation.represented.age < ADULT_AGE
    return True


def may_act_for_others(portal_user: PortalUser) -> bool:
    """Acting for someone else shows their file: like one's own, it needs "substantieel"."""
    return portal_user.substantial
