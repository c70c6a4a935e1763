"""The resident sees the refusals of consent they made next to their consents (issue 12)."""

import datetime

import pytest

from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry, ConsentRefusal
from wijkteam.testing.factories import OrganisationFactory, UserFactory

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db


def refuse(resident, organisation, category: str, day: datetime.date) -> ConsentRefusal:  # type: ignore[no-untyped-def]
    return ConsentRefusal.objects.create(
        resident=resident,
        organisation=organisation,
        category=category,
        refused_on=day,
        reason="vertrouwen",
        recorded_by=UserFactory(),
    )


def test_my_refusals_are_shown_in_plain_dutch_and_only_mine(setting: dict) -> None:
    municipality = setting["team"].municipality
    mine = OrganisationFactory(municipality=municipality, name="Thuiszorg Oost")
    theirs = OrganisationFactory(municipality=municipality, name="Geheime Zorg BV")
    refuse(setting["resident"], mine, "gezondheid", datetime.date(2026, 3, 4))
    refuse(setting["other"], theirs, "financien", datetime.date(2026, 3, 5))

    page = logged_in(BSN_A).get("/mijn/toestemmingen/").content.decode()

    assert "Hier gaf u geen toestemming voor" in page
    assert (
        "U heeft geen toestemming gegeven aan Thuiszorg Oost voor gezondheid "
        "(bijzonder persoonsgegeven) (op 4 maart 2026)." in page
    )
    assert "Geheime Zorg BV" not in page and "5 maart 2026" not in page
    assert "vertrouwen" not in page.lower()  # the reason code is for the figures, not shown
    assert AccessLogEntry.objects.filter(
        action=AccessAction.READ,
        purpose__contains="weigeringen",
        resident_ids=[setting["resident"].pk],
    ).exists()


def test_without_refusals_the_page_has_no_refusal_section(setting: dict) -> None:
    page = logged_in(BSN_A).get("/mijn/toestemmingen/").content.decode()
    assert "Hier gaf u geen toestemming voor" not in page
