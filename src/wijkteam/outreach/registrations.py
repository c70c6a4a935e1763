"""The outreach app registers below: the menu entry, retention of signals that did not lead to
a melding (``privacy.registry.register_standalone_retention``: destroyed after a short term of
their own, with a destruction record), converted signals with their melding (retention), and a nightly job that reports overdue signals per count."""

import datetime

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkteam.core import jobs, navigation
from wijkteam.privacy import registry

from .constants import DEFAULT_RETENTION_MONTHS, DESTRUCTION_KIND, SignalStatus
from .models import Signal, SignalRetention
from .policies import may_use_signals


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The same day ``months`` earlier (the last day of a shorter month)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month + 1, candidate)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - a month always has a 28th


def due_signals(today: datetime.date) -> QuerySet[Signal]:
    """Signals not converted into a melding whose term (from closure, or from receipt while
    still open) has passed, under the term of the team's municipality."""
    custom = dict(SignalRetention.objects.values_list("municipality_id", "months"))
    moment = Q(closed_on__isnull=False)

    def past(months: int) -> Q:
        cutoff = months_before(today, months)
        return (moment & Q(closed_on__lte=cutoff)) | (~moment & Q(received_on__lte=cutoff))

    condition = ~Q(team__municipality_id__in=list(custom)) & past(DEFAULT_RETENTION_MONTHS)
    for municipality_id, months in custom.items():
        condition |= Q(team__municipality_id=municipality_id) & past(months)
    return Signal.objects.exclude(status=SignalStatus.OMGEZET).filter(condition)


def retention_rule() -> tuple[int, str]:
    rules = list(SignalRetention.objects.values_list("months", "source")[:2])
    if len(rules) == 1:
        return rules[0]
    return DEFAULT_RETENTION_MONTHS, "gemeentelijk beleid"


def overdue_job() -> str:
    count = Signal.objects.filter(status=SignalStatus.OPEN, due_on__lt=timezone.localdate()).count()
    return gettext("%(n)s open signalen over de opvolgtermijn") % {"n": count}


def register() -> None:
    navigation.register(
        navigation.NavEntry(
            order=15, label=_("Signalen"), url_name="outreach:list", visible=may_use_signals
        )
    )
    registry.register_standalone_retention(
        registry.StandaloneRetention(
            kind=DESTRUCTION_KIND,
            title=str(_("Signaal zonder melding")),
            due=due_signals,
            rule=retention_rule,
            order=10,
        )
    )

    # A converted signal is part of the resident's file: in the inzage export with its melding.
    registry.register_inzage(
        "outreach.Signal", lambda scope: Q(report__resident=scope.resident), order=260
    )
    # A converted signal goes with its melding (before it: it refers to the melding).
    registry.register_resident_rows(
        "outreach.Signal",
        lambda resident_ids, _household: Signal.objects.filter(
            report__resident_id__in=resident_ids
        ),
        order=5,
    )
    registry.register_case_rows(
        "outreach.Signal",
        lambda case_id: Signal.objects.filter(report__case_id=case_id),
        order=5,
    )
    jobs.register(
        jobs.Job(
            name="outreach-overdue",
            title=_("Signalen over de opvolgtermijn tellen"),
            run=overdue_job,
            hour=6,
        )
    )
