"""The authorization matrix: every casework page and API endpoint × every role and relationship.

Each cell is the exact status code. Refused reads of a case (404) leave a ``refused`` entry in
the access log, and no refused response carries the household's name.
"""

import datetime

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape

from wijkteam.cases.models import Investigation, Plan
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import AccessLogEntry, Consent, EmergencyAccess
from wijkteam.residents.models import NetworkMember
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

# (name, url template, category the page shows) — {case}, {resident} and {carer} (an
# overloaded carer of the case's household) are filled in.
PAGES = [
    ("case", "/casussen/{case}/", None),
    ("plan", "/casussen/{case}/plan/", "plan"),
    ("plan versions", "/casussen/{case}/plan/versies/", "plan"),
    ("assessments", "/casussen/{case}/metingen/", "assessment"),
    ("conversation", "/casussen/{case}/onderzoek/gesprek/", "onderzoek"),
    ("investigation", "/casussen/{case}/onderzoek/bijwerken/", "onderzoek"),
    ("decision request", "/casussen/{case}/aanvragen/nieuw/", "besluiten"),
    ("evaluation", "/casussen/{case}/evaluaties/nieuw/", "plan"),
    ("light support", "/casussen/{case}/interventies/nieuw/lichte_ondersteuning/", "interventies"),
    ("carer follow-up", "/casussen/{case}/mantelzorgers/{carer}/opvolging/", "netwerk"),
    ("api case", "/api/cases/{case}/", "basisgegevens"),
    ("api plan", "/api/plans/{case}/", "plan"),
    ("api investigation", "/api/investigations/{case}/", "onderzoek"),
    ("resident", "/inwoners/{resident}/", "basisgegevens"),
    ("resident change", "/inwoners/{resident}/wijzigen/", "basisgegevens"),
    ("api resident", "/api/residents/{resident}/", "basisgegevens"),
    ("access overview", "/privacy/inwoners/{resident}/toegang/", None),
    ("consents", "/privacy/inwoners/{resident}/toestemmingen/", None),
    ("consent refusal", "/privacy/inwoners/{resident}/weigering/nieuw/", None),
]

OK, HIDDEN, NO_CONSENT = 200, 404, 403
READS = {
    "case",
    "plan versions",
    "assessments",
    "api case",
    "api plan",
    "api investigation",
    "resident",
    "api resident",
    "access overview",
    "consents",
}
RESIDENT_PAGES = {
    "resident",
    "resident change",
    "api resident",
    "access overview",
    "consents",
}  # through a case of one's own only


def expected(relation: str, name: str, category: str | None) -> int:
    if relation in ("coordinator", "teamleider"):
        return OK
    if relation in (
        "same team, not involved",
        "other team",
        "other team leader",
        "beheerder",
        "beleidsmedewerker",
        "wmo-raad",
    ):
        return HIDDEN
    if relation == "emergency":  # a doorbraak reads every category, changes nothing
        return OK if name in READS and name not in RESIDENT_PAGES else HIDDEN
    consented = {"partner with consent": {"basisgegevens", "plan"}}.get(relation, set())
    if name in ("access overview", "consents", "consent refusal", "case"):
        return OK  # through an involved case; the case page hides what is not consented
    # The resident record (page and API) follows the case page's rule: basic data only with
    # consent for basisgegevens.
    return OK if category in consented else NO_CONSENT


RELATIONS = [
    "coordinator",
    "teamleider",
    "same team, not involved",
    "other team",
    "other team leader",
    "partner with consent",
    "partner without consent",
    "partner, consent withdrawn",
    "emergency",
    "beheerder",
    "beleidsmedewerker",
    "wmo-raad",
]


@pytest.fixture
def world():
    case = CaseFactory(onderzoek=True)
    Investigation.objects.create(case=case, started_on=timezone.localdate())
    Plan.objects.create(case=case)
    NetworkMember.objects.create(
        household=case.household, name="Mantelzorger", relation="mantelzorger", load=4
    )
    partner = OrganisationFactory(municipality=case.team.municipality, name="Partnerorganisatie")
    other = CaseFactory(team__municipality=case.team.municipality)
    users = {
        "coordinator": case.coordinator,
        "teamleider": MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user,
        "same team, not involved": MembershipFactory(team=case.team).user,
        "other team": MembershipFactory(team=other.team).user,
        "other team leader": MembershipFactory(team=other.team, roles=[TeamRole.TEAMLEIDER]).user,
        "beheerder": UserFactory(beheerder=True),
        "beleidsmedewerker": UserFactory(beleid=True),
        "wmo-raad": UserFactory(wmoraad=True),
    }
    for relation in (
        "partner with consent",
        "partner without consent",
        "partner, consent withdrawn",
    ):
        member = MembershipFactory(team=case.team, organisation=partner).user
        case.involved_members.add(member)
        users[relation] = member
    resident = case.household.members.first()
    consent = {
        "resident": resident,
        "organisation": partner,
        "basis": "toestemming",
        "purpose": "Samenwerking",
        "given_how": "mondeling",
        "valid_from": timezone.localdate(),
        "recorded_by": case.coordinator,
    }
    # Consent belongs to the organisation, so the three partner members share it; the matrix
    # gives each its own organisation to keep the cells independent.
    for relation, categories, withdrawn in (
        ("partner with consent", ["basisgegevens", "plan"], None),
        ("partner, consent withdrawn", ["basisgegevens", "plan"], timezone.now()),
    ):
        org = OrganisationFactory(municipality=case.team.municipality)
        users[relation].memberships.filter(team=case.team).update(organisation=org)
        Consent.objects.create(
            **{**consent, "organisation": org}, categories=categories, withdrawn_at=withdrawn
        )
    emergency_user = MembershipFactory(team=other.team).user
    EmergencyAccess.objects.create(
        case=case,
        user=emergency_user,
        reason="Acute zorgen, regisseur onbereikbaar",
        opened_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    users["emergency"] = emergency_user
    return case, resident, users


def url_for(template: str, case, resident) -> str:  # type: ignore[no-untyped-def]
    carer = NetworkMember.objects.filter(household_id=case.household_id).order_by("pk").first()
    return template.format(case=case.pk, resident=resident.pk, carer=carer.pk if carer else 0)


@pytest.mark.parametrize("relation", RELATIONS)
def test_matrix(world, client_for, relation):
    case, resident, users = world
    client = client_for(users[relation])
    cells = []
    for name, template, category in PAGES:
        url = url_for(template, case, resident)
        status = client.get(url).status_code
        want = expected(relation, name, category)
        if status != want:
            cells.append(f"{name}: got {status}, expected {want}")
    assert not cells, f"{relation}: " + "; ".join(cells)


@pytest.mark.parametrize("relation", ["same team, not involved", "other team", "beheerder"])
def test_refused_reads_are_logged_and_reveal_nothing(world, client_for, relation):
    case, _resident, users = world
    user = users[relation]
    client = client_for(user)
    before = AccessLogEntry.objects.filter(user=user, action="refused").count()
    response = client.get(f"/casussen/{case.pk}/")
    assert case.household.name not in response.content.decode()
    client.get(f"/api/cases/{case.pk}/")
    client.get(f"/casussen/{case.pk + 999}/")  # a guessed id that does not exist: the same answer
    assert AccessLogEntry.objects.filter(user=user, action="refused").count() >= before + 2


def test_anonymous_gets_login_or_401(world):
    case, resident, _users = world
    client = Client()
    for _name, template, _category in PAGES:
        url = url_for(template, case, resident)
        status = client.get(url).status_code
        assert status == (401 if url.startswith("/api/") else 302), url


def test_search_and_api_lists_return_nothing_out_of_scope(world, client_for):
    case, resident, users = world
    client = client_for(users["other team"])
    assert client.get(f"/api/residents/?q={resident.last_name}").json() == []
    assert client.get("/api/cases/").json()["count"] == 0
    assert client.get(f"/api/decisions/?case={case.pk}").json()["results"] == []
    page = client.get(f"/inwoners/?q={resident.last_name}").content.decode()
    assert resident.full_name not in page


def test_resident_record_refusal_names_the_missing_consent_and_is_logged(world, client_for):
    _case, resident, users = world
    user = users["partner without consent"]
    client = client_for(user)
    response = client.get(f"/inwoners/{resident.pk}/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "Basisgegevens" in body
    assert resident.last_name not in body
    api = client.get(f"/api/residents/{resident.pk}/")
    assert api.status_code == 403
    assert resident.last_name not in api.content.decode()
    assert AccessLogEntry.objects.filter(
        user=user, action="refused", residents__resident_id=resident.pk
    ).exists()


@pytest.mark.parametrize(
    ("relation", "listed"),
    [("partner with consent", True), ("partner without consent", False), ("coordinator", True)],
)
def test_search_lists_only_residents_whose_basic_data_may_be_seen(
    world, client_for, relation, listed
):
    _case, resident, users = world
    client = client_for(users[relation])
    found = [r["id"] for r in client.get(f"/api/residents/?q={resident.last_name}").json()]
    assert (resident.pk in found) is listed


# The meldingen page names a resident under the case page's rule: the melding's team in place
# of the case's (every member of the team sees the team's meldingen, but a partner's member
# sees the name, address and birth year only with consent for basic data).
MELDINGEN_NAME_SHOWN = {
    "coordinator": True,
    "teamleider": True,
    "same team, not involved": True,  # employed by the responsible organisation
    "partner with consent": True,
    "partner without consent": False,
    "partner, consent withdrawn": False,
}


@pytest.mark.parametrize("relation", RELATIONS)
def test_meldingen_page_names_the_resident_only_with_basic_data(world, client_for, relation):
    case, resident, users = world
    report = ReportFactory(team=case.team, resident=resident)
    response = client_for(users[relation]).get("/meldingen/")
    body = response.content.decode()
    shown = MELDINGEN_NAME_SHOWN.get(relation)
    if shown is None:  # outside the team: the melding is not listed at all
        assert f"/meldingen/{report.pk}/" not in body
    else:
        assert response.status_code == 200
        assert f"/meldingen/{report.pk}/" in body
        assert (escape(resident.full_name) in body) is shown
        assert (f"geboren {resident.date_of_birth.year}" in body) is shown
        triage = client_for(users[relation]).get(f"/meldingen/{report.pk}/").content.decode()
        assert (escape(resident.full_name) in triage) is shown


# The log-wide access log (the NEN 7513 control, rights.policies.may_review_access_log) is a
# page of the functioneel beheerder only: every other role and relationship gets a 403, and the
# attempt is a REFUSED entry of its own.
LOG_PAGES = [
    "/privacy/toegangslog/",
    "/privacy/toegangslog/export.csv?van=2026-01-01&tot=2026-01-31",
]


@pytest.mark.parametrize("relation", RELATIONS)
def test_matrix_log_wide_access_log(world, client_for, relation):
    _case, _resident, users = world
    user = users[relation]
    client = client_for(user)
    want = OK if relation == "beheerder" else 403
    before = AccessLogEntry.objects.filter(user=user, action="refused").count()
    cells = [
        f"{url}: got {status}"
        for url in LOG_PAGES
        if (status := client.get(url).status_code) != want
    ]
    assert not cells, f"{relation}: " + "; ".join(cells)
    refused = AccessLogEntry.objects.filter(user=user, action="refused").count() - before
    assert refused == (0 if want == OK else len(LOG_PAGES))


# Klachten and bezwaren (complaints app): handled by the team's teamleider and beslissers only
# (Awb 9:7, 7:5). A record outside that is a 404 (logged as refused, never revealing it
# exists); the team's list and the registration form are a 403 for another professional; a
# non-professional account gets the 404 of every professional page.
COMPLAINT_PAGES = [
    ("complaint list", "/klachten/"),
    ("complaint new", "/klachten/nieuw/"),
    ("complaint", "/klachten/{complaint}/"),
    ("objection", "/bezwaren/{objection}/"),
    ("objection new", "/casussen/{case}/bezwaar/nieuw/"),
]
TEAM_PAGES = {"complaint list", "complaint new"}
COMPLAINT_RELATIONS = [
    "coordinator",
    "teamleider",
    "partner member",
    "other team",
    "other team leader",
    "beheerder",
]


def complaint_expected(relation: str, name: str) -> int:
    if relation == "teamleider":
        return OK
    if relation == "beheerder":
        return HIDDEN
    if relation == "other team leader" and name in TEAM_PAGES:
        return OK  # their own team's list and form
    return NO_CONSENT if name in TEAM_PAGES else HIDDEN


@pytest.fixture
def complaint_world():  # type: ignore[no-untyped-def]
    from wijkteam.cases.models import Decision
    from wijkteam.cases.tests.test_decision_fixtures import build_world, decided
    from wijkteam.complaints import services

    w = build_world()
    decision = decided(w)
    Decision.objects.filter(pk=decision.pk).update(made_known_on=timezone.localdate())
    decision.refresh_from_db()
    complaint = services.complaint_file(
        actor=w.leader,
        team=w.team,
        subject="team",
        summary="Niet teruggebeld.",
        received_on=timezone.localdate(),
        case=w.case,
    )
    objection = services.objection_file(
        actor=w.leader,
        decision=decision,
        grounds="Te weinig uren.",
        received_on=decision.made_known_on,
    )
    partner = OrganisationFactory(municipality=w.team.municipality)
    partner_member = MembershipFactory(team=w.team, organisation=partner).user
    w.case.involved_members.add(partner_member)
    other = CaseFactory(team__municipality=w.team.municipality)
    users = {
        "coordinator": w.coordinator,
        "teamleider": w.leader,
        "partner member": partner_member,
        "other team": MembershipFactory(team=other.team).user,
        "other team leader": MembershipFactory(team=other.team, roles=[TeamRole.TEAMLEIDER]).user,
        "beheerder": UserFactory(beheerder=True),
    }
    ids = {"complaint": complaint.pk, "objection": objection.pk, "case": w.case.pk}
    return ids, users


@pytest.mark.parametrize("relation", COMPLAINT_RELATIONS)
def test_complaints_matrix(complaint_world, client_for, relation):  # type: ignore[no-untyped-def]
    ids, users = complaint_world
    client = client_for(users[relation])
    cells = []
    for name, template in COMPLAINT_PAGES:
        status = client.get(template.format(**ids)).status_code
        want = complaint_expected(relation, name)
        if status != want:
            cells.append(f"{name}: got {status}, expected {want}")
    assert not cells, f"{relation}: " + "; ".join(cells)
    if relation in ("coordinator", "other team"):
        refused = AccessLogEntry.objects.filter(user=users[relation], action="refused")
        assert refused.count() >= 3
