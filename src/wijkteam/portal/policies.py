"""Who may see what in the portal: small rules, no queries of their own."""

from wijkteam.residents.constants import HouseholdRelation
from wijkteam.residents.models import Resident

from .identity import PortalUser

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
