"""Who may see, add and remove documents of a case.

Seeing follows the case's consent rule (``cases.policies_consent.visible_categories``): a
document is visible to whoever may see its type's category of the case. Adding and removing are
casework: the regisseur, an involved member or the teamleider (``cases.policies.
is_case_worker``), never under a doorbraak, and only for a category the member may see.
"""

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.cases.policies import is_case_worker
from wijkteam.privacy.policies import may_see

from .constants import TYPE_CATEGORIES, DocumentType


def visible_types(categories: frozenset[str] | None) -> list[str]:
    """The document types whose category the user may see (``None``: every category)."""
    return [t for t in DocumentType.values if may_see(categories, TYPE_CATEGORIES[t])]


def may_see_type(categories: frozenset[str] | None, document_type: str) -> bool:
    category = TYPE_CATEGORIES.get(document_type)
    return category is not None and may_see(categories, category)


def shows_documents_link(user: User, case: Case, categories: frozenset[str] | None) -> bool:
    """The case page links to the documents when at least one type could be shown."""
    return bool(visible_types(categories))


def may_work_on_documents(user: User, case: Case) -> bool:
    """Add or remove documents: a case worker (the grant of a doorbraak is read-only)."""
    return is_case_worker(user, case)
