"""Reads of documents: scoped through the case (``cases.selectors.case_get``), filtered by the
consent category of each document's type, and logged in the access log.

Out of scope, or an unknown document: 404 and a refused entry, whether it exists or not. In
scope but without consent for the document's category: 403 and a refused entry.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.emergency import grant_of
from wijkteam.cases.links import ShownLink, links_for
from wijkteam.cases.models import Action, Case, Decision
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.cases.sections import TABS, Tab
from wijkteam.cases.selectors import case_get
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.privacy.policies import may_see, section_visible
from wijkteam.privacy.reads import refuse
from wijkteam.residents.models import Resident

from .constants import TYPE_CATEGORIES
from .models import Document
from .policies import may_work_on_documents, visible_types
from .storage import document_storage

logger = logging.getLogger(__name__)

PAGE_SIZE = 50
LINK_SLUG = "documenten"


@dataclass
class DocumentsPage:
    """The documents of one case the user may see, with the case's tab navigation."""

    case: Case
    page: Page
    tabs: list[Tab]
    links: list[ShownLink]
    may_add: bool
    shows_residents: bool
    shows_plan: bool
    shows_decisions: bool
    hidden_categories: list[str] = field(default_factory=list)
    emergency_until: datetime.datetime | None = None

    @property
    def documents(self) -> list[Document]:
        return list(self.page.object_list)


def documents_page(*, user: User, case_pk: int, page: int = 1) -> DocumentsPage:
    """The list page, in a fixed number of queries whatever the number of documents."""
    case = case_get(user=user, pk=case_pk, purpose=_("casus geopend: documenten"))
    categories = visible_categories(user, case)
    documents = (
        Document.objects.filter(case=case, document_type__in=visible_types(categories))
        .select_related("uploaded_by", "resident", "action", "decision")
        .order_by("-uploaded_at", "-id")
    )
    grant = grant_of(case)
    hidden = sorted(
        {str(DataCategory(c).label) for c in TYPE_CATEGORIES.values() if not may_see(categories, c)}
    )
    return DocumentsPage(
        case=case,
        page=Paginator(documents, PAGE_SIZE).get_page(page),
        tabs=[t for t in TABS if not t.section or section_visible(t.section, categories)],
        links=links_for(user, case, categories),
        may_add=grant is None and may_work_on_documents(user, case),
        shows_residents=may_see(categories, DataCategory.BASISGEGEVENS),
        shows_plan=may_see(categories, DataCategory.PLAN),
        shows_decisions=may_see(categories, DataCategory.BESLUITEN),
        hidden_categories=hidden,
        emergency_until=grant.expires_at if grant else None,
    )


@dataclass
class UploadContext:
    """What the upload form offers: the types the user may see, and the plan actions and
    decisions of the case to link to (``None`` when the user may not see plan or decisions)."""

    case: Case
    categories: frozenset[str] | None
    residents: QuerySet[Resident] | None
    actions: QuerySet[Action] | None
    decisions: QuerySet[Decision] | None

    @property
    def types(self) -> list[str]:
        return visible_types(self.categories)


def upload_context(*, user: User, case_pk: int) -> UploadContext:
    """The case for the upload form (case workers only; others get a 404), with what a
    document may be linked to, when the user may see it."""
    case = case_get(user=user, pk=case_pk, purpose=_("document toevoegen"))
    if grant_of(case) is not None or not may_work_on_documents(user, case):
        raise Http404
    categories = visible_categories(user, case)
    return UploadContext(
        case=case,
        categories=categories,
        residents=Resident.objects.filter(household_id=case.household_id).order_by(
            "date_of_birth", "pk"
        )
        if may_see(categories, DataCategory.BASISGEGEVENS)
        else None,
        actions=Action.objects.filter(plan__case=case).order_by("due_on", "id")
        if may_see(categories, DataCategory.PLAN)
        else None,
        decisions=Decision.objects.filter(case=case).order_by("-requested_on", "-id")
        if may_see(categories, DataCategory.BESLUITEN)
        else None,
    )


def _document_in_scope(*, user: User, case_pk: int, pk: int, purpose: str) -> Document:
    """One document of a case the user may see, the case read logged (``case_get``)."""
    document = Document.objects.filter(pk=pk, case_id=case_pk).first()
    if document is None:
        raise refuse(user=user, object_type="document", object_id=pk)
    try:
        case = case_get(user=user, pk=case_pk, purpose=purpose, category=document.category)
    except PermissionDenied:
        residents = Resident.objects.filter(household__cases__pk=case_pk)
        log_access(
            user=user,
            action=AccessAction.REFUSED,
            residents=list(residents.values_list("pk", flat=True)),
            obj=document,
            purpose=_("document: geen toestemming voor %s") % DataCategory(document.category).label,
        )
        raise
    document.case = case
    return document


def document_download(*, user: User, case_pk: int, pk: int) -> tuple[Document, File]:
    """The document and its open file, the download logged as an export of the residents'
    data (NEN 7513: copy/export)."""
    document = _document_in_scope(
        user=user, case_pk=case_pk, pk=pk, purpose=_("casus geopend: document downloaden")
    )
    try:
        handle = document_storage().open(document.stored_name, "rb")
    except FileNotFoundError:
        logger.error("Documentbestand ontbreekt in de opslag: document %s", document.pk)
        raise Http404 from None
    log_access(
        user=user,
        action=AccessAction.EXPORT,
        residents=[r.pk for r in document.case.household.members.all()],
        obj=document,
        purpose=_("document gedownload: %s") % document.get_document_type_display(),
    )
    return document, handle


def document_for_removal(*, user: User, case_pk: int, pk: int) -> Document:
    """A document the user may remove (a case worker who may see it); 404 for others."""
    document = _document_in_scope(
        user=user, case_pk=case_pk, pk=pk, purpose=_("casus geopend: document verwijderen")
    )
    if grant_of(document.case) is not None or not may_work_on_documents(user, document.case):
        raise Http404
    return document
