"""Notifications about the figures: the quarter complete (beleid), an overview published
(Wmo-raad and the other beleidsmedewerkers); once per event, naming no person."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from wijkteam.accountability import metrics_more, services
from wijkteam.accountability.models import Aggregate
from wijkteam.accountability.months import months_from_days
from wijkteam.accountability.notify import last_full_quarter, notify_quarter_complete
from wijkteam.accountability.snapshot import snapshot_build
from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.models import Notification
from wijkteam.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_last_full_quarter() -> None:
    assert last_full_quarter(datetime.date(2026, 12, 6)) == (
        datetime.date(2026, 7, 1),
        datetime.date(2026, 9, 30),
    )
    assert last_full_quarter(datetime.date(2027, 1, 1)) == (
        datetime.date(2026, 10, 1),
        datetime.date(2026, 12, 31),
    )


def test_quarter_complete_tells_each_beleidsmedewerker_once() -> None:
    beleid, other = UserFactory(beleid=True), UserFactory(beleid=True)
    professional, raad = UserFactory(), UserFactory(wmoraad=True)
    today = datetime.date(2026, 12, 6)
    assert notify_quarter_complete(today=today) == 0  # no figures in Q3: nobody hears
    Aggregate.objects.create(
        day=datetime.date(2026, 8, 3),
        team=TeamFactory(),
        law="wmo",
        metric="melding.totaal",
        value=Decimal(4),
    )
    assert notify_quarter_complete(today=today) == 2
    assert notify_quarter_complete(today=today) == 0  # the next night: not again
    sent = Notification.objects.filter(kind=NotificationKind.QUARTER_FIGURES)
    assert {n.user_id for n in sent} == {beleid.pk, other.pk}
    assert not sent.filter(user__in=[professional, raad]).exists()
    assert all("2026 K3" in n.text for n in sent)


def test_the_nightly_snapshot_notifies_when_the_last_quarter_has_figures(monkeypatch) -> None:
    beleid, team = UserFactory(beleid=True), TeamFactory()
    day = last_full_quarter(timezone.localdate())[0]
    monkeypatch.setattr(
        metrics_more, "compute", lambda: [((day, team.pk, None, "wmo", "melding.totaal"), 3)]
    )
    snapshot_build(trigger="nacht")
    snapshot_build(trigger="nacht")
    sent = Notification.objects.filter(kind=NotificationKind.QUARTER_FIGURES)
    assert list(sent.values_list("user_id", flat=True)) == [beleid.pk]


def test_publishing_tells_the_wmo_raad_and_other_beleid_but_not_the_author() -> None:
    author, colleague = UserFactory(beleid=True), UserFactory(beleid=True)
    raad, professional = UserFactory(wmoraad=True), UserFactory()
    Aggregate.objects.create(
        day=datetime.date(2026, 4, 7),
        team=TeamFactory(),
        law="wmo",
        metric="melding.totaal",
        value=Decimal(40),
    )
    months_from_days()
    overview = services.overview_save(
        actor=author,
        title="Tweede kwartaal",
        period_kind="kwartaal",
        period_month="2026-04",
        threshold=10,
        explanation="",
    )
    version = services.overview_publish(actor=author, overview=overview)
    sent = Notification.objects.filter(kind=NotificationKind.OVERVIEW_PUBLISHED)
    assert {n.user_id for n in sent} == {colleague.pk, raad.pk}
    assert not sent.filter(user__in=[author, professional]).exists()
    assert all(n.url.endswith(f"/verantwoording/publicaties/{version.pk}/") for n in sent)
