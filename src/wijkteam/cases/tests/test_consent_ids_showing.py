"""The consent check of the lists' hints (``policies_consent._ids_showing``), compiled once:
the case page's rule (``visible_categories``) for every case and melding of a page, in one
statement at most, for consent given, withdrawn, expired, not yet valid, for another
category, another organisation, another household and another team (issue 17)."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wijkteam.cases.models import Case, Report
from wijkteam.cases.policies_consent import (
    case_and_report_ids_showing,
    case_ids_showing,
    report_ids_showing,
    visible_categories,
)
from wijkteam.core import compiled
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.models import Consent
from wijkteam.privacy.policies import may_see
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    OrganisationFactory,
    ReportFactory,
    TeamFactory,
)

pytestmark = pytest.mark.django_db
BASIS = DataCategory.BASISGEGEVENS


def _consent(case: Case, organisation, *, categories=(BASIS,), **dates) -> None:
    today = timezone.localdate()
    for resident in case.household.members.all():
        Consent.objects.create(
            resident=resident,
            organisation=organisation,
            basis="toestemming",
            purpose="Samenwerking",
            categories=list(categories),
            given_how="mondeling",
            valid_from=dates.get("valid_from", today),
            valid_until=dates.get("valid_until"),
            withdrawn_at=dates.get("withdrawn_at"),
            recorded_by=case.coordinator,
        )


@pytest.fixture
def world():
    """A partner worker in a team of another organisation, and a case for each rule's case."""
    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    team = TeamFactory()
    partner = OrganisationFactory(municipality=team.municipality, name="Welzijn Partner")
    other_org = OrganisationFactory(municipality=team.municipality, name="Andere Partner")
    worker = MembershipFactory(team=team, organisation=partner, roles=[TeamRole.GENERALIST]).user
    cases = {name: CaseFactory(team=team) for name in _NAMES}
    _consent(cases["given"], partner)
    _consent(cases["given_until_today"], partner, valid_until=today)
    _consent(cases["withdrawn"], partner, withdrawn_at=timezone.now() - day)
    _consent(cases["expired"], partner, valid_from=today - 10 * day, valid_until=today - day)
    _consent(cases["not_yet"], partner, valid_from=today + day)
    _consent(cases["other_category"], partner, categories=[DataCategory.PLAN])
    _consent(cases["other_organisation"], other_org)
    other_team = TeamFactory(municipality=team.municipality)
    cases["other_team"] = CaseFactory(team=other_team)
    _consent(cases["other_team"], partner)
    # A report on a resident of the consented household, and one on a resident of another.
    given_resident = cases["given"].household.members.first()
    reports = {
        "given": ReportFactory(team=team, resident=given_resident),
        "other_household": ReportFactory(team=team),
        "other_team": ReportFactory(team=other_team, resident=given_resident),
    }
    return worker, cases, reports


_NAMES = (
    "given",
    "given_until_today",
    "withdrawn",
    "expired",
    "not_yet",
    "other_category",
    "other_organisation",
    "other_household",
)


def _fresh(cases: dict[str, Case], reports: dict[str, Report]):
    loaded_cases = list(Case.objects.filter(pk__in=[c.pk for c in cases.values()]))
    loaded_reports = list(
        Report.objects.select_related("resident").filter(pk__in=[r.pk for r in reports.values()])
    )
    return loaded_cases, loaded_reports


def _case_page_rule(user, case: Case) -> bool:
    return may_see(visible_categories(user, case), BASIS)


@pytest.mark.parametrize("compiled_first", [True, False])
def test_the_rule_of_the_case_page_for_every_case_and_melding(world, compiled_first):
    worker, cases, reports = world
    if not compiled_first:
        compiled.clear()
    loaded_cases, loaded_reports = _fresh(cases, reports)
    shown_cases, shown_reports = case_and_report_ids_showing(
        worker, loaded_cases, loaded_reports, BASIS
    )
    assert shown_cases == {cases["given"].pk, cases["given_until_today"].pk}
    assert shown_reports == {reports["given"].pk}
    assert shown_cases == {c.pk for c in loaded_cases if _case_page_rule(worker, c)}
    # each on its own gives the same, as the caseload and the meldingen page ask it
    assert case_ids_showing(worker, loaded_cases, BASIS) == shown_cases
    assert report_ids_showing(worker, loaded_reports, BASIS) == shown_reports
    # a second call (the compiled statement) gives the same again
    assert case_and_report_ids_showing(worker, loaded_cases, loaded_reports, BASIS) == (
        shown_cases,
        shown_reports,
    )


def test_one_statement_for_cases_and_meldingen_and_a_withdrawal_counts_at_once(world):
    worker, cases, reports = world
    loaded_cases, loaded_reports = _fresh(cases, reports)
    case_and_report_ids_showing(worker, loaded_cases, loaded_reports, BASIS)  # compiled
    with CaptureQueriesContext(connection) as queries:
        shown_cases, shown_reports = case_and_report_ids_showing(
            worker, loaded_cases, loaded_reports, BASIS
        )
    consent_reads = [q for q in queries.captured_queries if "privacy_consent" in q["sql"]]
    assert len(consent_reads) == 1
    assert cases["given"].pk in shown_cases and reports["given"].pk in shown_reports
    Consent.objects.filter(resident__household=cases["given"].household).update(
        withdrawn_at=timezone.now()
    )
    shown_cases, shown_reports = case_and_report_ids_showing(
        worker, loaded_cases, loaded_reports, BASIS
    )
    assert shown_cases == {cases["given_until_today"].pk}
    assert shown_reports == set()


def test_who_sees_everything_reads_no_consent(world):
    _worker, cases, reports = world
    team = cases["given"].team
    leader = MembershipFactory(
        team=team, organisation=OrganisationFactory(municipality=team.municipality),
        roles=[TeamRole.TEAMLEIDER],
    ).user  # fmt: skip
    own = cases["given"].coordinator  # employed by the team's responsible organisation
    loaded_cases, loaded_reports = _fresh(cases, reports)
    in_team = {c.pk for c in loaded_cases if c.team_id == team.pk}
    reports_in_team = {r.pk for r in loaded_reports if r.team_id == team.pk}
    for user in (leader, own):
        with CaptureQueriesContext(connection) as queries:
            shown = case_and_report_ids_showing(user, loaded_cases, loaded_reports, BASIS)
        assert shown == (in_team, reports_in_team)
        assert not [q for q in queries.captured_queries if "privacy_consent" in q["sql"]]
    assert case_and_report_ids_showing(leader, [], [], BASIS) == (set(), set())
