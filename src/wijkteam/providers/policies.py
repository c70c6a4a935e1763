"""Who maintains the catalogue: the functioneel beheerder (no case content involved)."""

from wijkteam.accounts.policies import can_configure
from wijkteam.organisation.constants import OrganisationKind

# Organisations that deliver custom provisions and so can hold contracts.
PROVIDER_KINDS = frozenset(
    {
        OrganisationKind.ZORGAANBIEDER,
        OrganisationKind.JEUGDHULP,
        OrganisationKind.WELZIJN,
        OrganisationKind.MEE,
        OrganisationKind.GGD,
        OrganisationKind.SCHULDHULP,
        OrganisationKind.STICHTING_WIJKTEAM,
    }
)

may_maintain_catalogue = can_configure
