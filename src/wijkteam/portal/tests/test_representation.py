"""Legal representatives and parents with authority acting for a resident (the authorization
matrix over every portal URL is in ``test_authorization_matrix.py``)."""

import datetime
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from wijkteam.cases.constants import DecisionOutcome, DecisionStatus, LegalBasis
from wijkteam.cases.models import Decision
from wijkteam.portal.constants import RepresentationBasis
from wijkteam.portal.models import Representation
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.residents.constants import HouseholdRelation
from wijkteam.testing.factories import MembershipFactory, ResidentFactory, UserFactory

from .conftest import BSN_A, logged_in

pytestmark = pytest.mark.django_db

REPRESENTATIVE_BSN = "100000009"  # not a resident known to the teams


def represent(resident: Any, basis: str = RepresentationBasis.CURATELE, **kw: Any) -> Any:
    data: dict[str, Any] = {
        "represented": resident,
        "representative_bsn": REPRESENTATIVE_BSN,
        "representative_name": "Mr. C. Curator",
        "basis": basis,
        "valid_from": datetime.date(2026, 1, 1),
        "recorded_by": UserFactory(),
    }
    data.update(kw)
    return Representation.objects.create(**data)


def final_decision(case: Any, resident: Any) -> Decision:
    today = timezone.localdate()
    return Decision.objects.create(
        case=case,
        resident=resident,
        law="wmo",
        product_category="02",
        volume=Decimal(4),
        unit="04",
        frequency="2",
        starts_on=today,
        ends_on=today + datetime.timedelta(days=90),
        requested_on=today - datetime.timedelta(days=10),
        status=DecisionStatus.BESLOTEN,
        outcome=DecisionOutcome.TOEGEKEND,
        legal_basis=LegalBasis.WMO_2_3_5,
        motivation="Nodig.",
        decided_by=case.coordinator,
        decided_at=timezone.now() - datetime.timedelta(days=5),
        made_known_on=today - datetime.timedelta(days=5),
        created_by=case.coordinator,
    )


def acting_for(resident: Any) -> Client:
    client = logged_in(REPRESENTATIVE_BSN)
    response = client.post("/mijn/vertegenwoordiging/", {"resident": resident.pk})
    assert response.status_code == 302, response.content.decode()
    return client


def test_the_team_records_a_representative(setting: dict, client_for: Any) -> None:
    coordinator = client_for(setting["case"].coordinator)
    url = f"/casussen/{setting['case'].pk}/mijn-wijkteam/vertegenwoordiging/"
    data = {
        "represented": setting["resident"].pk,
        "representative_name": "J. Mentor",
        "representative_bsn": "123456789",  # fails the elfproef
        "basis": "mentorschap",
        "valid_from": "01-01-2026",
    }
    refused = coordinator.post(url, data)
    assert refused.status_code == 400 and "elfproef" in refused.content.decode()
    adult_gezag = coordinator.post(
        url, {**data, "representative_bsn": REPRESENTATIVE_BSN, "basis": "gezag"}
    )
    assert "minderjarig" in adult_gezag.content.decode()
    assert not Representation.objects.exists()
    assert (
        coordinator.post(url, {**data, "representative_bsn": REPRESENTATIVE_BSN}).status_code == 302
    )
    representation = Representation.objects.get()
    assert representation.represented == setting["resident"]
    page = coordinator.get(f"/casussen/{setting['case'].pk}/mijn-wijkteam/").content.decode()
    assert "J. Mentor" in page and REPRESENTATIVE_BSN not in page  # the BSN is masked
    outsider = client_for(MembershipFactory(team=setting["team"]).user)
    assert outsider.post(url, {**data, "representative_bsn": REPRESENTATIVE_BSN}).status_code == 404
    coordinator.post(url, {"do": "beeindigen", "representation": representation.pk})
    representation.refresh_from_db()
    assert representation.valid_until is not None


def test_a_representative_acts_for_the_resident_and_is_logged_on_their_behalf(
    setting: dict,
) -> None:
    resident = setting["resident"]
    represent(resident)
    decision = final_decision(setting["case"], resident)
    client = logged_in(REPRESENTATIVE_BSN)
    assert resident.full_name in client.get("/mijn/vertegenwoordiging/").content.decode()
    client.post("/mijn/vertegenwoordiging/", {"resident": resident.pk})
    home = client.get("/mijn/").content.decode()
    assert f"U handelt namens {resident.full_name}" in home
    decisions = client.get("/mijn/besluiten/").content.decode()
    assert f"/mijn/besluiten/{decision.pk}/beschikking.pdf" in decisions
    entry = AccessLogEntry.objects.filter(purpose__contains="eigen besluiten").get()
    assert entry.on_behalf_of == f"inwoner {resident.pk}"
    assert entry.user_name.startswith("vertegenwoordiger") and entry.resident_ids == [resident.pk]
    assert "Curatele" in entry.user_role
    # the resident sees in their own overview who looked on their behalf
    overview = logged_in(BSN_A).get("/mijn/wie-keek/").content.decode()
    assert "vertegenwoordiger" in overview
    client.post("/mijn/vertegenwoordiging/", {"do": "zelf"})
    assert "U handelt namens" not in client.get("/mijn/").content.decode()


def test_an_ended_representation_stops_acting_at_once(setting: dict) -> None:
    representation = represent(setting["resident"])
    client = acting_for(setting["resident"])
    Representation.objects.filter(pk=representation.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert "U handelt namens" not in client.get("/mijn/").content.decode()
    # the representative has no file of their own: back to the start page
    assert client.get("/mijn/besluiten/")["Location"] == "/mijn/"


def test_acting_for_someone_not_represented_is_refused_and_logged(setting: dict) -> None:
    represent(setting["resident"])
    client = logged_in(REPRESENTATIVE_BSN)
    response = client.post("/mijn/vertegenwoordiging/", {"resident": setting["other"].pk})
    assert response.status_code == 403
    refusal = AccessLogEntry.objects.get(action=AccessAction.REFUSED)
    assert refusal.resident_ids == [] and "zonder geldige vertegenwoordiging" in refusal.purpose
    assert "U handelt namens" not in client.get("/mijn/").content.decode()


def test_a_parent_with_authority_acts_for_a_minor_child_only_until_18(setting: dict) -> None:
    today = timezone.localdate()
    child = ResidentFactory(
        household=setting["case"].household,
        household_relation=HouseholdRelation.KIND,
        date_of_birth=today.replace(year=today.year - 10),
    )
    represent(child, basis=RepresentationBasis.GEZAG, representative_bsn=BSN_A)
    parent = logged_in(BSN_A)
    assert parent.post("/mijn/vertegenwoordiging/", {"resident": child.pk}).status_code == 302
    assert f"U handelt namens {child.full_name}" in parent.get("/mijn/").content.decode()
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert entry is not None and entry.on_behalf_of == f"inwoner {child.pk}"
    child.date_of_birth = today.replace(year=today.year - 19)
    child.save()
    assert "U handelt namens" not in parent.get("/mijn/").content.decode()
    refused = parent.post("/mijn/vertegenwoordiging/", {"resident": child.pk})
    assert refused.status_code == 403


def test_the_demo_names_a_curator_who_can_act_for_a_demo_resident(bridge: Any) -> None:
    from wijkteam.synthetic.demo_portal import portal_demo
    from wijkteam.testing.factories import CaseFactory

    CaseFactory()
    lines: list[str] = []
    portal_demo(lines.append)
    portal_demo(lines.append)  # loaded again: the same curator
    curators = [line.split()[0] for line in lines if "curator van" in line]
    assert len(curators) == 2 and curators[0] == curators[1]
    representation = Representation.objects.get()
    from django.conf import settings

    from wijkteam.idp.services import portal_client_ensure

    from .conftest import CALLBACK

    portal_client_ensure(  # the demo registered the demo server's address; the tests use theirs
        client_id=settings.OIDC_RP_CLIENT_ID,
        client_secret=settings.OIDC_RP_CLIENT_SECRET,
        redirect_uris=[CALLBACK],
    )
    client = logged_in(curators[0])
    response = client.post("/mijn/vertegenwoordiging/", {"resident": representation.represented_id})
    assert response.status_code == 302
