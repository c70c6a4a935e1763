"""A few documents on the demo's open cases, added through the documents service (so they have
their audit events and access-log entries, and their files in the documents storage)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db.models import QuerySet

from wijkteam.cases.constants import CaseState
from wijkteam.cases.models import Case
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.documents import samples
from wijkteam.documents.constants import DocumentType
from wijkteam.documents.policies import visible_types
from wijkteam.documents.services import document_upload


@dataclass(frozen=True)
class DemoDocument:
    document_type: str
    name: str
    description: str
    content: Callable[[str], bytes]


DOCUMENTS = [
    DemoDocument(
        DocumentType.MEDISCHE_VERKLARING,
        "Verklaring huisarts.pdf",
        "Verklaring van de huisarts over de mobiliteit",
        lambda text: samples.pdf(text),
    ),
    DemoDocument(
        DocumentType.VERSLAG_DERDEN,
        "Verslag school.docx",
        "Verslag van de intern begeleider",
        lambda text: samples.ooxml("docx", text),
    ),
    DemoDocument(
        DocumentType.FINANCIEEL,
        "Overzicht schulden.xlsx",
        "Overzicht van de schuldeisers",
        lambda text: samples.ooxml("xlsx", text),
    ),
    DemoDocument(
        DocumentType.BRIEF,
        "Brief woningcorporatie.odt",
        "Brief over de aanpassing van de badkamer",
        lambda text: samples.odf("odt", text),
    ),
]


def add_demo_documents(*, cases: QuerySet[Case] | None = None, limit: int = 8) -> int:
    """Two documents on each of the first open cases; returns how many were added."""
    if cases is None:
        cases = Case.objects.exclude(state=CaseState.AFGESLOTEN)
    added = 0
    for index, case in enumerate(
        cases.select_related("household", "team", "coordinator").order_by("pk")[:limit]
    ):
        allowed = visible_types(visible_categories(case.coordinator, case))
        for offset in (0, 1):
            spec = DOCUMENTS[(index + offset) % len(DOCUMENTS)]
            if spec.document_type not in allowed:
                continue
            document_upload(
                actor=case.coordinator,
                case=case,
                document_type=spec.document_type,
                file=ContentFile(
                    spec.content(f"{spec.description} ({case.household.name})"), name=spec.name
                ),
                description=spec.description,
            )
            added += 1
    return added
