"""Contact moments in the journals of the demo's open cases, written through the journal
service (so they have their audit events and access-log entries). Dates lie between the day a
case was opened and today."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from wijkteam.cases.constants import CaseState, JournalKind
from wijkteam.cases.models import Case
from wijkteam.cases.policies import is_case_worker
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.cases.services.journal import journal_entry_create
from wijkteam.privacy.policies import may_see

# kind, with whom, note, consent category
MOMENTS = [
    (
        JournalKind.TELEFOON,
        "De inwoner",
        "Eerste contact: de vraag doorgenomen en een huisbezoek afgesproken.",
        "onderzoek",
    ),
    (
        JournalKind.HUISBEZOEK,
        "De inwoner en een mantelzorger",
        "Thuis gesproken over de dag, het huishouden en wie er helpt. De mantelzorger is moe; "
        "respijtzorg besproken.",
        "onderzoek",
    ),
    (
        JournalKind.OVERLEG_PARTNER,
        "De huisarts",
        "Met toestemming van de inwoner overlegd over wat er medisch speelt en wat dat "
        "betekent voor het plan.",
        "gezondheid",
    ),
    (
        JournalKind.EMAIL,
        "De woningcorporatie",
        "Gevraagd naar de mogelijkheden voor een traplift of een andere woning.",
        "plan",
    ),
    (
        JournalKind.KANTOOR,
        "De inwoner",
        "Op kantoor het plan doorgelopen; de inwoner wil eerst de buurtkamer proberen.",
        "plan",
    ),
]


def add_demo_journal(*, cases: QuerySet[Case] | None = None, limit: int = 30) -> int:
    """Two or three contact moments on each of the first open cases; returns how many."""
    if cases is None:
        cases = Case.objects.exclude(state=CaseState.AFGESLOTEN)
    today = timezone.localdate()
    added = 0
    for index, case in enumerate(
        cases.select_related("household", "team", "coordinator").order_by("pk")[:limit]
    ):
        if not is_case_worker(case.coordinator, case):
            continue
        visible = visible_categories(case.coordinator, case)
        span = max((today - case.opened_on).days, 0)
        count = 2 + index % 2
        for step in range(count):
            kind, with_whom, note, category = MOMENTS[(index + step) % len(MOMENTS)]
            if not may_see(visible, category):
                continue
            day = case.opened_on + datetime.timedelta(days=span * (step + 1) // (count + 1))
            journal_entry_create(
                actor=case.coordinator,
                case=case,
                occurred_on=min(day, today),
                kind=kind,
                with_whom=with_whom,
                note=note,
                category=category,
            )
            added += 1
    return added
