"""Team set-up (inrichting): municipality, areas, organisations, teams, members and mandate."""

from .mandate import LIMIT_FIELDS, MandateRule
from .structure import (
    District,
    Membership,
    MembershipRole,
    Municipality,
    Neighbourhood,
    Organisation,
    Team,
    TeamFunction,
    Versioned,
)

__all__ = [
    "LIMIT_FIELDS",
    "District",
    "MandateRule",
    "Membership",
    "MembershipRole",
    "Municipality",
    "Neighbourhood",
    "Organisation",
    "Team",
    "TeamFunction",
    "Versioned",
]
