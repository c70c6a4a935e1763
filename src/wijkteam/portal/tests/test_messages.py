"""The secure message thread between the household and the team."""

import re
from typing import Any

import pytest
from django.core import mail

from wijkteam.notifications.constants import NotificationKind
from wijkteam.notifications.models import Notification
from wijkteam.portal.constants import MESSAGE_MAX, MessageDirection
from wijkteam.portal.models import Message
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.testing.factories import MembershipFactory

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def thread_url(case: Any) -> str:
    return f"/mijn/hulpvraag/{case.pk}/berichten/"


def send(client: Any, case: Any, body: str) -> Any:
    return client.post(thread_url(case), {"body": body})


def test_resident_writes_and_the_regisseur_is_notified_without_content(
    setting: dict, django_capture_on_commit_callbacks: Any
) -> None:
    client = logged_in(BSN_A)
    page = client.get(thread_url(setting["case"]))
    assert page.status_code == 200 and "Nieuw bericht" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = send(client, setting["case"], "Kunt u morgen bellen over de traplift?")
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.direction == MessageDirection.INWONER
    assert message.resident == setting["resident"] and message.case == setting["case"]
    note = Notification.objects.get(kind=NotificationKind.RESIDENT_MESSAGE)
    assert note.user == setting["case"].coordinator
    assert "traplift" not in note.text and "traplift" not in note.url
    assert all("traplift" not in m.body and "traplift" not in m.subject for m in mail.outbox)
    created = AccessLogEntry.objects.get(action=AccessAction.CREATE, purpose__contains="bericht")
    assert created.user_id is None and created.resident_ids == [setting["resident"].pk]
    assert "traplift" in client.get(thread_url(setting["case"])).content.decode()


def test_reading_the_thread_is_logged_with_the_resident_as_actor(setting: dict) -> None:
    client = logged_in(BSN_A)
    client.get(thread_url(setting["case"]))
    entry = AccessLogEntry.objects.filter(purpose__contains="berichten met het wijkteam").get()
    assert entry.action == AccessAction.READ and entry.user_id is None
    assert "Mijn wijkteam" in entry.user_name and entry.resident_ids == [setting["resident"].pk]


@pytest.mark.parametrize("body", ["", "   \n  ", "x" * (MESSAGE_MAX + 1)])
def test_empty_or_oversized_message_is_refused_in_dutch(setting: dict, body: str) -> None:
    client = logged_in(BSN_A)
    response = send(client, setting["case"], body)
    assert response.status_code == 400
    text = response.content.decode()
    assert "Schrijf eerst uw bericht" in text or "Uw bericht is te lang" in text
    assert not Message.objects.exists() and not Notification.objects.exists()


def test_flooding_is_limited_per_resident(setting: dict, settings: Any) -> None:
    settings.PORTAL_MESSAGES_PER_HOUR = 3
    client = logged_in(BSN_A)
    for n in range(3):
        assert send(client, setting["case"], f"Bericht {n}").status_code == 302
    response = send(client, setting["case"], "Nog een")
    assert response.status_code == 400
    assert "afgelopen uur al 3 berichten" in response.content.decode()
    assert Message.objects.count() == 3


def test_a_double_submit_stores_one_message(setting: dict) -> None:
    client = logged_in(BSN_A)
    page = client.get(thread_url(setting["case"])).content.decode()
    token = re.search(r'name="submission_token" value="([^"]+)"', page)
    assert token is not None
    for _ in range(2):
        client.post(thread_url(setting["case"]), {"body": "Eén keer", "submission_token": token[1]})
    assert Message.objects.count() == 1


def test_another_households_thread_is_refused_and_logged(setting: dict) -> None:
    client = logged_in(BSN_A)
    assert client.get(thread_url(setting["other_case"])).status_code == 404
    assert send(client, setting["other_case"], "Hallo").status_code == 404
    assert not Message.objects.exists()
    refusals = AccessLogEntry.objects.filter(action=AccessAction.REFUSED)
    assert refusals.count() == 2 and all(r.resident_ids == [] for r in refusals)


def test_team_answers_with_mail_without_content_and_sees_read_receipts(
    setting: dict, client_for: Any, django_capture_on_commit_callbacks: Any
) -> None:
    resident = setting["resident"]
    resident.email = "inwoner@example.org"
    resident.save()
    client = logged_in(BSN_A)
    send(client, setting["case"], "Wanneer komt u langs?")
    coordinator = client_for(setting["case"].coordinator)
    team_url = f"/casussen/{setting['case'].pk}/mijn-wijkteam/"
    page = coordinator.get(team_url).content.decode()
    assert "Wanneer komt u langs?" in page
    assert Message.objects.get().read_at is not None  # the team opened it: receipt
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(team_url, {"body": "Dinsdag om tien uur."})
    assert response.status_code == 302
    answer = Message.objects.get(direction=MessageDirection.TEAM)
    assert answer.author == setting["case"].coordinator and answer.read_at is None
    assert [m.to for m in mail.outbox] == [["inwoner@example.org"]]
    assert "Dinsdag" not in mail.outbox[0].body and "/mijn/" in mail.outbox[0].body
    assert "Nog niet gelezen door de inwoner" in coordinator.get(team_url).content.decode()
    assert "Dinsdag om tien uur." in client.get(thread_url(setting["case"])).content.decode()
    answer.refresh_from_db()
    assert answer.read_at is not None
    assert "Gelezen door de inwoner" in coordinator.get(team_url).content.decode()
    refused = coordinator.post(team_url, {"body": " "})
    assert refused.status_code == 400 and Message.objects.count() == 2


def test_only_case_workers_write_to_the_resident(setting: dict, client_for: Any) -> None:
    outsider = client_for(MembershipFactory(team=setting["team"]).user)
    response = outsider.post(f"/casussen/{setting['case'].pk}/mijn-wijkteam/", {"body": "Hoi"})
    assert response.status_code == 404
    assert not Message.objects.exists()


def test_unread_answers_show_on_the_start_page(setting: dict) -> None:
    Message.objects.create(
        case=setting["case"],
        direction=MessageDirection.TEAM,
        author=setting["case"].coordinator,
        body="Hoe gaat het?",
    )
    client = logged_in(BSN_A)
    assert "1 nieuw bericht" in client.get("/mijn/").content.decode()
