"""The documents app registers below: its model in inzage and retention
(``wijkteam.privacy.registry``) and the link on the case page (``wijkteam.cases.links``).

Inzage exports the documents' metadata (type, name, size, who added it and when), not the
files; the team adds the files the resident asks for to the answer. A document about one
member of the household is left out of the other members' inzage. Retention destroys the
documents with their case, before the case (its foreign key protects the case), through the
Document queryset, whose ``delete()`` removes the stored files when the destruction commits.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.cases import links, timeline
from wijkteam.privacy import registry
from wijkteam.privacy.registry import ExportScope

from .models import Document
from .policies import shows_documents_link
from .selectors import LINK_SLUG
from .timeline import SOURCE


def _inzage_rows(scope: ExportScope) -> Q:
    """The documents of the resident's cases about the whole household or about them."""
    return Q(case_id__in=scope.case_ids) & (Q(resident__isnull=True) | Q(resident=scope.resident))


def register() -> None:
    registry.register_inzage("documents.Document", _inzage_rows, order=300)
    registry.register_case_rows(
        "documents.Document", lambda case_id: Document.objects.filter(case_id=case_id), order=5
    )
    timeline.register(SOURCE)
    links.register(
        links.CaseLink(
            slug=LINK_SLUG,
            label=_("Documenten"),
            url_name="documents:list",
            order=10,
            visible=shows_documents_link,
        )
    )
