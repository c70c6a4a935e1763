"""The overview pages: compose, preview, publish (beleidsmedewerker); read and PDF (Wmo-raad)."""

import datetime
from decimal import Decimal

import pytest

from wijkteam.accountability.constants import Point
from wijkteam.accountability.models import Aggregate, Overview, PublishedOverview
from wijkteam.accountability.months import months_from_days
from wijkteam.testing.factories import TeamFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def figures() -> None:
    for name, inloop, telefoon in (("Noord", 40, 25), ("West", 12, 3), ("Zuid", 30, 22)):
        team = TeamFactory(name=name)
        for metric, value in (
            ("melding.kanaal.inloop", inloop),
            ("melding.kanaal.telefoon", telefoon),
        ):
            Aggregate.objects.create(
                day=datetime.date(2026, 4, 7),
                team=team,
                law="wmo",
                metric=metric,
                value=Decimal(value),
            )
    months_from_days()


FORM = {
    "title": "Tweede kwartaal 2026",
    "period_kind": "kwartaal",
    "period_month": "2026-04",
    "threshold": "10",
    "explanation": "Meer meldingen via de inloop.",
}


def test_compose_preview_publish_and_read(client_for, figures) -> None:
    beleid = client_for(UserFactory(beleid=True))
    response = beleid.post("/verantwoording/overzichten/nieuw/", FORM)
    overview = Overview.objects.get()
    assert (
        response.status_code == 302
        and response.url == f"/verantwoording/overzichten/{overview.pk}/"
    )
    preview = beleid.get(response.url).content.decode()
    assert "(wordt afgeschermd)" in preview and "<strong>3</strong>" in preview
    assert "Bij publiceren worden 4 waarden afgeschermd" in preview
    published = beleid.post(response.url)
    version = PublishedOverview.objects.get()
    assert published.url == f"/verantwoording/publicaties/{version.pk}/"

    raad = client_for(UserFactory(wmoraad=True))
    listing = raad.get("/verantwoording/publicaties/").content.decode()
    assert "Tweede kwartaal 2026" in listing and "versie 1" in listing
    page = raad.get(published.url).content.decode()
    for point in Point:
        assert f'id="punt-{point.value}"' in page
    assert "Meer meldingen via de inloop." in page
    assert "<strong>3</strong>" not in page and "wordt afgeschermd" not in page
    assert page.count('<span aria-hidden="true">*</span>') == 4
    pdf = raad.get(published.url, {"formaat": "pdf"})
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_wmo_raad_sees_no_drafts_and_others_see_nothing(client_for, figures) -> None:
    Overview.objects.create(
        title="Concept",
        period_kind="maand",
        period_start=datetime.date(2026, 4, 1),
        created_by=UserFactory(beleid=True),
    )
    overview = Overview.objects.get()
    raad = client_for(UserFactory(wmoraad=True))
    assert raad.get("/verantwoording/overzichten/").status_code == 404
    assert raad.get(f"/verantwoording/overzichten/{overview.pk}/").status_code == 404
    assert raad.post(f"/verantwoording/overzichten/{overview.pk}/").status_code == 404
    assert "Concept" not in raad.get("/verantwoording/publicaties/").content.decode()
    assert not PublishedOverview.objects.exists()
    for user in (UserFactory(), UserFactory(beheerder=True)):
        assert client_for(user).get("/verantwoording/publicaties/").status_code == 404


def test_bad_input_is_a_dutch_message_and_nothing_is_stored(client_for, figures) -> None:
    beleid = client_for(UserFactory(beleid=True))
    low = beleid.post("/verantwoording/overzichten/nieuw/", {**FORM, "threshold": "4"})
    assert low.status_code == 400 and "ten minste 5" in low.content.decode()
    month = beleid.post("/verantwoording/overzichten/nieuw/", {**FORM, "period_month": "april"})
    assert month.status_code == 400 and "jjjj-mm" in month.content.decode()
    assert not Overview.objects.exists()
    beleid.post("/verantwoording/overzichten/nieuw/", {**FORM, "period_month": "2025-01"})
    overview = Overview.objects.get()
    page = beleid.get(f"/verantwoording/overzichten/{overview.pk}/").content.decode()
    assert "geen cijfers" in page
    refused = beleid.post(f"/verantwoording/overzichten/{overview.pk}/")
    assert refused.status_code == 400 and "geen cijfers" in refused.content.decode()
    assert not PublishedOverview.objects.exists()


def test_editing_the_draft_leaves_the_published_version(client_for, figures) -> None:
    beleid = client_for(UserFactory(beleid=True))
    beleid.post("/verantwoording/overzichten/nieuw/", FORM)
    overview = Overview.objects.get()
    beleid.post(f"/verantwoording/overzichten/{overview.pk}/")
    beleid.post(
        f"/verantwoording/overzichten/{overview.pk}/wijzigen/", {**FORM, "title": "Nieuwe titel"}
    )
    assert PublishedOverview.objects.get().title == "Tweede kwartaal 2026"
    assert Overview.objects.get().title == "Nieuwe titel"
