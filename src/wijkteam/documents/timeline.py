"""The documents of a case on the case timeline (``wijkteam.cases.timeline``): one row per
document whose type's category the user may see, one query."""

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wijkteam.accounts.models import User
from wijkteam.cases.models import Case
from wijkteam.cases.timeline import Categories, Source, TimelineItem

from .models import Document
from .policies import visible_types

KIND = "documenten"


def document_items(case: Case, user: User, categories: Categories) -> Iterable[TimelineItem]:
    documents = Document.objects.filter(
        case=case, document_type__in=visible_types(categories)
    ).select_related("uploaded_by")
    for document in documents:
        yield TimelineItem(
            at=document.uploaded_at,
            kind=KIND,
            title=_("Document toegevoegd: %(type)s")
            % {"type": document.get_document_type_display()},
            text=" – ".join(p for p in (document.original_name, document.description) if p),
            by=document.uploaded_by.display_name,
            url=reverse("documents:download", args=[case.pk, document.pk]),
        )


SOURCE = Source(
    kind=KIND,
    label=gettext_lazy("Documenten"),
    order=50,
    items=document_items,
    offered=lambda categories: bool(visible_types(categories)),
)
