"""The case page's reads from compiled statements give what the ORM gives (issue 17, part 3).

``core.compiled`` now also puts in *moments* (today, now) as parameters of every call, so the
consent check and the doorbraak check are compiled once too. Here: every new compiled read
against its queryset, the consent check at its edges (withdrawn today, valid until yesterday,
valid from tomorrow, no consents), a doorbraak that has just expired, and every tab of the case
page rendered with the compiled statements and with the ORM alone: the same HTML (CSRF masked)
and the same number of queries.
"""

import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wijkteam.cases import policies_consent, sections
from wijkteam.cases import selectors_page as page
from wijkteam.cases.models import Evaluation, TrackedTerm
from wijkteam.cases.stages import assessment, evaluation, intervention, investigation
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy import emergency
from wijkteam.privacy import policies as privacy_policies
from wijkteam.privacy.models import Consent, EmergencyAccess
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    NetworkMemberFactory,
    OrganisationFactory,
)

pytestmark = pytest.mark.django_db

CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=")[^"]+"')


@pytest.fixture(autouse=True)
def _fresh_cache():
    compiled.clear()
    yield
    compiled.clear()


def _fields(obj):
    return {f.attname: getattr(obj, f.attname) for f in obj._meta.concrete_fields}


def _same_instances(got, expected, related=(), annotations=()):
    assert [o.pk for o in got] == [o.pk for o in expected]
    for a, b in zip(got, expected, strict=True):
        assert _fields(a) == _fields(b)
        for name in related:
            ra, rb = getattr(a, name), getattr(b, name)
            assert (ra and _fields(ra)) == (rb and _fields(rb)), name
        for name in annotations:
            assert getattr(a, name) == getattr(b, name), name


@pytest.fixture
def partner():
    """A case of a team with a member employed by another organisation than the responsible
    one (sees only what the household consented to), and that organisation."""
    case = CaseFactory(uitvoering=True, residents=2)
    organisation = OrganisationFactory(municipality=case.team.municipality, name="Partner")
    worker = MembershipFactory(
        team=case.team, organisation=organisation, roles=[TeamRole.GENERALIST]
    ).user
    case.involved_members.add(worker)
    return case, organisation, worker


def _consent(resident, organisation, categories, **dates):
    values = {"valid_from": timezone.localdate(), **dates}
    return Consent.objects.create(
        resident=resident,
        organisation=organisation,
        basis="toestemming",
        purpose="Samenwerking",
        categories=categories,
        given_how="mondeling",
        recorded_by=resident.household.cases.first().coordinator,
        **values,
    )


def _orm_consents(organisation, day, **kwargs):
    """What ``consented_categories`` asked before: the queryset itself."""
    found = set()
    for value in privacy_policies.consents_in_force(
        organisation_id=organisation.pk, day=day, **kwargs
    ):
        found.update(value)
    return frozenset(found)


def test_the_consent_check_at_its_edges(partner):
    case, organisation, worker = partner
    first, second = case.household.members.order_by("pk")
    today = timezone.localdate()
    day = datetime.timedelta(days=1)

    def check():
        for _ in range(2):  # compiled on the first call, reused on the second
            by_household = privacy_policies.consented_categories(
                organisation_id=organisation.pk, day=today, household_id=case.household_id
            )
            assert by_household == _orm_consents(
                organisation, today, household_id=case.household_id
            )
            for resident in (first, second):
                alone = privacy_policies.consented_categories(
                    organisation_id=organisation.pk, day=today, resident_ids=[resident.pk]
                )
                assert alone == _orm_consents(organisation, today, resident_ids=[resident.pk])
            assert policies_consent.visible_categories(worker, case) == by_household
        return by_household

    assert check() == frozenset()  # no consents at all
    _consent(first, organisation, ["plan", "basisgegevens"])
    _consent(
        second, organisation, ["netwerk"], valid_from=today - 9 * day, valid_until=today - day
    )  # ended yesterday
    _consent(second, organisation, ["besluiten"], valid_from=today + day)  # starts tomorrow
    _consent(second, OrganisationFactory(), ["gezondheid"])  # for another organisation
    assert check() == {"plan", "basisgegevens"}
    last = _consent(second, organisation, ["onderzoek"], valid_until=today)  # ends today
    assert check() == {"plan", "basisgegevens", "onderzoek"}
    Consent.objects.filter(pk=last.pk).update(withdrawn_at=timezone.now())  # withdrawn today
    assert check() == {"plan", "basisgegevens"}
    Consent.objects.update(withdrawn_at=timezone.now())
    assert check() == frozenset()
    # another day is another parameter of the same statement, never a stale one
    assert privacy_policies.consented_categories(
        organisation_id=organisation.pk, day=today + 400 * day, household_id=case.household_id
    ) == _orm_consents(organisation, today + 400 * day, household_id=case.household_id)
    assert compiled._cache()[("privacy.consents.household", 2, ("date",), False, 0, ())] is not None


def test_a_doorbraak_counts_until_it_expires_and_not_a_moment_longer(partner):
    case, _organisation, worker = partner
    outsider = MembershipFactory().user
    now = timezone.now()
    grant = EmergencyAccess.objects.create(
        user=outsider,
        case=case,
        reason="Acute zorg",
        opened_at=timezone.now(),
        expires_at=now + datetime.timedelta(minutes=5),
    )

    def orm(user, at):
        return (
            EmergencyAccess.objects.filter(user=user, case_id=case.pk, expires_at__gt=at)
            .order_by("-expires_at")
            .first()
        )

    for at in (now, grant.expires_at - datetime.timedelta(microseconds=1), grant.expires_at):
        with mock.patch.object(emergency.timezone, "now", return_value=at):
            for user in (outsider, worker):
                got = emergency.active_grant(user, case.pk)
                assert (got and got.pk) == (orm(user, at) and orm(user, at).pk)
    with mock.patch.object(emergency.timezone, "now", return_value=grant.expires_at):
        assert emergency.active_grant(outsider, case.pk) is None  # expired: nothing opens
    assert emergency.active_grant(outsider, case.pk).pk == grant.pk
    assert compiled._cache()[("privacy.active_grant", 2, ("datetime",), True, 0, ())] is not None


def test_memberships_from_the_compiled_statement(partner):
    case, _organisation, worker = partner
    today = timezone.localdate()
    MembershipFactory(user=worker, active_until=today - datetime.timedelta(days=1))  # ended
    MembershipFactory(user=worker, active_until=today, roles=[TeamRole.TEAMLEIDER])  # ends today
    for user in (worker, case.coordinator):
        expected = list(
            org_policies.active_memberships(user, on=today)
            .order_by("team__name", "team_id")
            .values_list(
                "team_id",
                "team__name",
                "organisation_id",
                "organisation__name",
                "team__responsible_organisation_id",
                "roles__role",
            )
        )
        for _ in range(2):
            assert (
                compiled.rows(
                    "organisation.memberships",
                    org_policies.membership_rows,
                    [user.pk],
                    moments=[today],
                )
                == expected
            )
    assert len(org_policies.memberships(worker)) == 2


def test_the_lists_of_the_page_and_the_tabs_are_the_orms(partner):
    case, _organisation, _worker = partner
    case.involved_members.add(MembershipFactory(team=case.team).user)
    NetworkMemberFactory(household=case.household, overloaded=True)
    NetworkMemberFactory(household=case.household)
    TrackedTerm.objects.create(
        case=case, key="wmo_onderzoek", starts_on=timezone.localdate(), due_on=timezone.localdate()
    )
    Evaluation.objects.create(case=case, planned_on=timezone.localdate())
    reads = [
        (page.involved_members, case.pk, (), ()),
        (page.network_members, case.household_id, ("supports",), ("followed_up",)),
        (page.open_terms, case.pk, (), ()),
        (page.case_reports, case.pk, ("resident",), ()),
        (page.coordinator_history, case.pk, ("coordinator", "assigned_by"), ()),
        (page.case_transitions, case.pk, ("by",), ()),
        (evaluation.case_evaluations, case.pk, ("held_by",), ()),
        (
            intervention.case_interventions,
            case.pk,
            ("delivered_by", "allocation"),
            ("total_hours",),
        ),
        (intervention.case_scale_events, case.pk, ("by",), ()),
        (assessment.case_assessments, case.pk, ("resident", "instrument"), ()),
        (assessment.case_scores, case.pk, ("domain",), ()),
        (investigation.case_investigation, case.pk, (), ()),
    ]
    for build, key, related, annotations in reads:
        for _ in range(2):
            got = compiled.instances(build.__name__, build, [key])
            _same_instances(got, list(build(key)), related, annotations)
        assert compiled._cache()[(build.__name__, 1, (), True, 0, ())] is not None, build.__name__
    for build in (assessment.scale_labels, assessment.instruments):
        _same_instances(compiled.instances(build.__name__, build, []), list(build()))


def _pages(users_and_case):
    out = {}
    for user, case, client in users_and_case:
        for tab in sections.TABS:
            path = f"{reverse('cases:detail', args=[case.pk])}?onderdeel={tab.slug}"
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, path
            html = CSRF.sub(r"\1…", response.content.decode())
            out[f"{user.pk} {path}"] = (html, len(queries))
    return out


def test_every_tab_is_the_same_with_the_orm_alone(partner, client_for):
    case, organisation, worker = partner
    NetworkMemberFactory(household=case.household, overloaded=True)
    TrackedTerm.objects.create(
        case=case, key="wmo_onderzoek", starts_on=timezone.localdate(), due_on=timezone.localdate()
    )
    first = case.household.members.order_by("pk").first()
    _consent(first, organisation, ["basisgegevens", "netwerk", "plan", "interventies"])
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    outsider = MembershipFactory().user
    EmergencyAccess.objects.create(
        user=outsider,
        case=case,
        reason="Acute zorg",
        opened_at=timezone.now(),
        expires_at=timezone.now() + datetime.timedelta(hours=1),
    )
    viewers = [(u, case, client_for(u)) for u in (case.coordinator, worker, leader, outsider)]
    _pages(viewers)  # warm: the compiled statements exist
    now = _pages(viewers)
    with mock.patch.object(compiled, "_execute", return_value=None):  # every read: the ORM
        before = _pages(viewers)
    assert len(now) == 4 * len(sections.TABS)
    for key, (html, count) in now.items():
        # the access-log entry of the page itself is the only thing that differs
        assert html == before[key][0], key
        assert count == before[key][1], key
