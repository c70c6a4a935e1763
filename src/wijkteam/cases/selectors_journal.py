"""Reads of the case journal and the case timeline: scoped through the case (``case_get``:
scope, doorbraak, the read logged with what was read), filtered by the consent category of each
journal entry. A fixed number of queries per page, whatever the number of entries."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.privacy.policies import may_see, section_visible

from . import policies
from .emergency import grant_of
from .links import ShownLink, links_for
from .models import Case, JournalEntry
from .policies_consent import require_category, visible_categories
from .sections import TABS, Tab
from .selectors import case_get
from .timeline import Source, TimelineItem, collect
from .timeline_sources import journal_categories

PAGE_SIZE = 25
JOURNAL_LINK = "journaal"
TIMELINE_LINK = "tijdlijn"


@dataclass
class CaseFrame:
    """The case with its tab navigation, as on every page about one case."""

    case: Case
    categories: frozenset[str] | None
    tabs: list[Tab]
    links: list[ShownLink]
    emergency_until: datetime.datetime | None

    @property
    def hidden_categories(self) -> list[str]:
        return sorted(
            str(DataCategory(c).label)
            for c in DataCategory.values
            if not may_see(self.categories, c)
        )


def _frame(*, user: User, case_pk: int, purpose: str) -> CaseFrame:
    case = case_get(user=user, pk=case_pk, purpose=purpose)
    categories = visible_categories(user, case)
    grant = grant_of(case)
    return CaseFrame(
        case=case,
        categories=categories,
        tabs=[t for t in TABS if not t.section or section_visible(t.section, categories)],
        links=links_for(user, case, categories),
        emergency_until=grant.expires_at if grant else None,
    )


def may_write_journal(user: User, case: Case) -> bool:
    """A case worker, not under a doorbraak (read-only)."""
    return grant_of(case) is None and policies.is_case_worker(user, case)


def writable_categories(categories: frozenset[str] | None) -> list[tuple[str, str]]:
    """The categories a member may give a new entry: those they may see."""
    return [
        (value, str(label)) for value, label in DataCategory.choices if may_see(categories, value)
    ]


@dataclass
class JournalPage:
    frame: CaseFrame
    page: Page
    may_add: bool
    author_id: int
    entries: list[JournalEntry] = field(default_factory=list)


def journal_entries(case: Case, categories: frozenset[str] | None) -> QuerySet[JournalEntry]:
    entries = JournalEntry.objects.filter(case=case).select_related("author")
    shown = journal_categories(categories)
    if shown is not None:
        entries = entries.filter(category__in=shown)
    return entries.order_by("-occurred_on", "-id")


def journal_page(*, user: User, case_pk: int, page: int = 1) -> JournalPage:
    """The journal of a case: the entries whose category the user may see, newest first."""
    frame = _frame(user=user, case_pk=case_pk, purpose=_("casus geopend: journaal"))
    paginator = Paginator(journal_entries(frame.case, frame.categories), PAGE_SIZE)
    result = paginator.get_page(page)
    return JournalPage(
        frame=frame,
        page=result,
        may_add=may_write_journal(user, frame.case),
        author_id=user.pk,
        entries=list(result.object_list),
    )


def journal_case_for_work(*, user: User, case_pk: int) -> CaseFrame:
    """The case for the add form: a case worker only (404 otherwise, like the other stages)."""
    frame = _frame(user=user, case_pk=case_pk, purpose=_("contactmoment vastleggen"))
    if not may_write_journal(user, frame.case):
        raise Http404
    return frame


def _entry_in(
    *, user: User, case: Case, pk: int, categories: frozenset[str] | None
) -> JournalEntry:
    entry = JournalEntry.objects.select_related("author").filter(pk=pk, case=case).first()
    if entry is None:
        raise Http404
    entry.case = case
    if not may_see(categories, entry.category):
        log_access(
            user=user,
            action=AccessAction.REFUSED,
            residents=[r.pk for r in case.household.members.all()],
            obj=entry,
            purpose=_("journaal: geen toestemming voor %s") % DataCategory(entry.category).label,
        )
        require_category(user, case, entry.category)
    return entry


def journal_entry_get(*, user: User, case_pk: int, pk: int, purpose: str) -> JournalEntry:
    """One entry of a case in scope, whose category the user may see (403 naming the missing
    consent otherwise, and the refusal logged)."""
    case = case_get(user=user, pk=case_pk, purpose=purpose)
    return _entry_in(user=user, case=case, pk=pk, categories=visible_categories(user, case))


def journal_entry_for_work(*, user: User, case_pk: int, pk: int) -> tuple[CaseFrame, JournalEntry]:
    """The correction form: a case worker (404 otherwise), an entry of a category they may see
    (403), and their own entry (403: only the author corrects)."""
    frame = _frame(user=user, case_pk=case_pk, purpose=_("contactmoment wijzigen"))
    if not may_write_journal(user, frame.case):
        raise Http404
    entry = _entry_in(user=user, case=frame.case, pk=pk, categories=frame.categories)
    if entry.author_id != user.pk:
        raise PermissionDenied(_("Alleen wie het contactmoment vastlegde, kan het wijzigen."))
    return frame, entry


def journal_entry_by_id(*, user: User, pk: int, purpose: str) -> JournalEntry:
    """An entry by its own id (the API): through its case, with the same checks."""
    case_id = JournalEntry.objects.filter(pk=pk).values_list("case_id", flat=True).first()
    if case_id is None:
        raise Http404
    return journal_entry_get(user=user, case_pk=case_id, pk=pk, purpose=purpose)


@dataclass
class TimelinePage:
    frame: CaseFrame
    sources: list[Source]
    chosen: list[str]
    items: list[TimelineItem]

    @property
    def labels(self) -> dict[str, str]:
        return {s.kind: str(s.label) for s in self.sources}

    @property
    def rows(self) -> list[tuple[TimelineItem, str]]:
        labels = self.labels
        return [(item, labels.get(item.kind, "")) for item in self.items]


def timeline_page(*, user: User, case_pk: int, kinds: Iterable[str] = ()) -> TimelinePage:
    """The timeline of a case: every registered source's events the user may see, newest
    first, or only the chosen kinds. One logged read of the case."""
    frame = _frame(user=user, case_pk=case_pk, purpose=_("casus geopend: tijdlijn"))
    offered, items = collect(case=frame.case, user=user, categories=frame.categories, kinds=kinds)
    known = {s.kind for s in offered}
    return TimelinePage(
        frame=frame,
        sources=offered,
        chosen=[k for k in kinds if k in known],
        items=items,
    )


def timeline_export(*, user: User, case_pk: int, kinds: Iterable[str] = ()) -> TimelinePage:
    """The timeline for the PDF: the same read, and an export entry in the access log."""
    view = timeline_page(user=user, case_pk=case_pk, kinds=kinds)
    log_access(
        user=user,
        action=AccessAction.EXPORT,
        residents=[r.pk for r in view.frame.case.household.members.all()],
        obj=view.frame.case,
        purpose=_("tijdlijn van de casus afgedrukt (pdf)"),
    )
    return view
