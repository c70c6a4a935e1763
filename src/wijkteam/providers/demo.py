"""The demo's catalogue: the contracts of the demo providers (Gemeente Voorbeeld)."""

from wijkteam.accounts.models import User
from wijkteam.organisation.models import Organisation

from .services import contracted_product_add

# (provider, category, local product code or "" for the whole category, description)
DEMO_CONTRACTS = [
    ("Zorggroep De Linde", "01", "", "Hulp bij het huishouden"),
    ("Zorggroep De Linde", "02", "", "Begeleiding individueel"),
    ("Zorggroep De Linde", "03", "", "Persoonlijke verzorging"),
    ("Jeugdhulp Het Anker", "45", "", "Jeugdhulp ambulant"),
    ("Jeugdhulp Het Anker", "43", "", "Jeugdhulp verblijf inclusief behandeling"),
    ("Welzijn Voorbeeld", "07", "", "Dagbesteding"),
]


def add_demo_catalogue(*, municipality_id: int) -> int:
    """Add the demo contracts (by the demo's functioneel beheerder); returns how many."""
    actor = User.objects.get(username="beheer")
    orgs = {o.name: o for o in Organisation.objects.filter(municipality_id=municipality_id)}
    for name, category, code, description in DEMO_CONTRACTS:
        contracted_product_add(
            actor=actor,
            provider=orgs[name],
            product_category=category,
            product_code=code,
            description=description,
        )
    return len(DEMO_CONTRACTS)
