"""Notifications: the inbox, e-mail without personal data, preferences, and the events."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from wijkteam.audit.models import AuditEvent
from wijkteam.cases.services import intake
from wijkteam.notifications import mail as notification_mail
from wijkteam.notifications import selectors, services
from wijkteam.notifications.constants import EmailFrequency, NotificationKind
from wijkteam.notifications.models import Notification, NotificationPreference
from wijkteam.organisation.constants import TeamRole
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    ResidentFactory,
    TeamFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

RESIDENT_NAME = "Ayşe Łukasiewicz-Bakker"


def _send(user, kind=NotificationKind.NEW_REPORT, **kw):
    return services.notification_send(users=[user], kind=kind, url="/casussen/1/", **kw)


def test_a_notification_is_stored_once_per_event():
    user = UserFactory(email="anna@example.nl")
    _send(user, dedupe_key="report:1")
    _send(user, dedupe_key="report:1")
    _send(user, dedupe_key="report:2")
    assert Notification.objects.filter(user=user).count() == 2
    assert selectors.unread_count(user=user) == 2


def test_an_unknown_kind_is_refused_and_nothing_is_written():
    with pytest.raises(ValueError):
        services.notification_send(users=[UserFactory()], kind="bestaat_niet", url="/")
    assert not Notification.objects.exists()


def test_immediate_email_holds_the_kind_and_a_link_only(django_capture_on_commit_callbacks):
    user = UserFactory(email="bram@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        [n] = _send(
            user,
            kind=NotificationKind.SECOND_APPROVAL,
            text=f"Besluit voor {RESIDENT_NAME}",  # a careless caller; the mail ignores text
        )
    [message] = mail.outbox
    assert message.to == ["bram@example.nl"]
    assert str(NotificationKind.SECOND_APPROVAL.label) in message.subject
    assert f"/notificaties/{n.pk}/" in message.body
    assert RESIDENT_NAME not in message.body and RESIDENT_NAME not in message.subject
    assert "/casussen/" not in message.body
    n.refresh_from_db()
    assert n.emailed_at is not None
    notification_mail.send_immediate([n.pk])  # a second delivery of the task sends nothing
    assert len(mail.outbox) == 1


def test_daily_kinds_wait_for_the_digest(django_capture_on_commit_callbacks):
    user = UserFactory(email="eva@example.nl")
    with django_capture_on_commit_callbacks(execute=True):
        _send(user, dedupe_key="a")
        _send(user, dedupe_key="b")
        _send(user, kind=NotificationKind.CASE_HANDOVER)
    assert mail.outbox == []
    assert notification_mail.send_daily_digests() == 1
    [digest] = mail.outbox
    assert "2" in digest.body and str(NotificationKind.CASE_HANDOVER.label) in digest.body
    assert notification_mail.send_daily_digests() == 0  # nothing twice


def test_preferences_change_the_channel_and_are_audited(django_capture_on_commit_callbacks):
    user = UserFactory(email="gijs@example.nl")
    services.preferences_update(
        actor=user,
        choices={
            NotificationKind.NEW_REPORT: EmailFrequency.IMMEDIATE,
            NotificationKind.SECOND_APPROVAL: EmailFrequency.NEVER,
        },
    )
    with django_capture_on_commit_callbacks(execute=True):
        _send(user, kind=NotificationKind.NEW_REPORT)
        _send(user, kind=NotificationKind.SECOND_APPROVAL)
    assert len(mail.outbox) == 1
    assert AuditEvent.objects.filter(object_type="accounts.User", action="update").exists()


def test_a_preference_for_an_unknown_kind_changes_nothing():
    user = UserFactory()
    with pytest.raises(ValidationError) as exc:
        services.preferences_update(
            actor=user,
            choices={NotificationKind.NEW_REPORT: EmailFrequency.NEVER, "geen_soort": "direct"},
        )
    assert "Onbekende soort notificatie" in str(exc.value)
    assert not NotificationPreference.objects.exists()


def test_the_preferences_page_refuses_an_unknown_kind_in_dutch(client_for):
    user = UserFactory()
    data = {f"email_{k}": EmailFrequency.DAILY for k in NotificationKind.values}
    data["email_verzonnen"] = "direct"
    response = client_for(user).post(reverse("notifications:preferences"), data)
    assert response.status_code == 400
    assert "Onbekende soort notificatie: verzonnen" in response.content.decode()
    assert not NotificationPreference.objects.exists()
    del data["email_verzonnen"]
    data[f"email_{NotificationKind.NEW_REPORT}"] = EmailFrequency.NEVER
    response = client_for(user).post(reverse("notifications:preferences"), data)
    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=user, kind="new_report").email == "nooit"


def test_inbox_count_open_and_mark_read(client_for, django_assert_max_num_queries):
    user = UserFactory()
    other = UserFactory()
    for i in range(30):
        _send(user, dedupe_key=str(i))
    [foreign] = _send(other)
    client = client_for(user)
    client.get(reverse("notifications:list"))
    with django_assert_max_num_queries(12):
        page = client.get(reverse("notifications:list"))
    html = page.content.decode()
    assert page.status_code == 200 and "30" in html  # the count in the header
    assert html.count("wt-notification ") + html.count("wt-notification--unread") >= 25
    n = Notification.objects.filter(user=user).first()
    opened = client.get(reverse("notifications:open", args=[n.pk]))
    assert opened.status_code == 302 and opened["Location"] == "/casussen/1/"
    n.refresh_from_db()
    assert n.read_at is not None
    assert client.get(reverse("notifications:open", args=[foreign.pk])).status_code == 404
    assert client.post(reverse("notifications:read", args=[foreign.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    assert selectors.unread_count(user=user) == 0
    foreign.refresh_from_db()
    assert foreign.read_at is None


def test_an_outside_link_is_never_followed(client_for):
    user = UserFactory()
    [n] = services.notification_send(
        users=[user], kind=NotificationKind.NEW_REPORT, url="https://evil.example/"
    )
    response = client_for(user).get(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == reverse("notifications:list")


# ---- the events that notify -------------------------------------------------------------------


def test_a_new_melding_notifies_the_team_but_not_its_author():
    team = TeamFactory()
    author = MembershipFactory(team=team).user
    colleague = MembershipFactory(team=team).user
    former = MembershipFactory(team=team, active_until=datetime.date(2021, 1, 1)).user
    outsider = MembershipFactory().user
    report = intake.report_create(
        actor=author,
        team=team,
        resident=ResidentFactory(household__municipality=team.municipality),
        channel="telefoon",
        referrer_kind="huisarts",
        question="Vraag",
        received_at=timezone.now(),
        law_track="wmo",
        informed_about_client_support=True,
    )
    notified = set(
        Notification.objects.filter(kind=NotificationKind.NEW_REPORT).values_list(
            "user_id", flat=True
        )
    )
    assert notified == {colleague.pk}
    assert Notification.objects.get(user=colleague).url.endswith(f"/meldingen/{report.pk}/")
    assert former.pk not in notified and outsider.pk not in notified


def test_a_handover_notifies_the_new_regisseur():
    case = CaseFactory()
    colleague = MembershipFactory(team=case.team).user
    intake.case_handover(
        actor=case.coordinator,
        case=case,
        new_coordinator=colleague,
        note="Verlof",
        expected_version=case.version,
    )
    n = Notification.objects.get(user=colleague)
    assert n.kind == NotificationKind.CASE_HANDOVER and str(case.pk) in n.url


def test_teamleaders_are_found_by_role():
    from wijkteam.organisation.selectors import team_member_users

    team = TeamFactory()
    leader = MembershipFactory(team=team, roles=[TeamRole.TEAMLEIDER]).user
    MembershipFactory(team=team)
    assert list(team_member_users(team_id=team.pk, role=TeamRole.TEAMLEIDER)) == [leader]


def test_marking_read_with_htmx_returns_the_item_only(client_for):
    user = UserFactory()
    [n] = _send(user)
    response = client_for(user).post(
        reverse("notifications:read", args=[n.pk]), HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert "Gelezen." in html and "Markeer als gelezen" not in html
    n.refresh_from_db()
    assert n.read_at is not None
