"""Need-to-know: who sees which case, resident and melding, and that every read is logged."""

import pytest
from django.http import Http404

from wijkteam.cases import policies, selectors
from wijkteam.organisation.constants import TeamRole
from wijkteam.privacy.models import AccessLogEntry, AccessLogResident
from wijkteam.testing.factories import (
    CaseFactory,
    MembershipFactory,
    ReportFactory,
    ResidentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def case():
    return CaseFactory(residents=2)


def test_coordinator_involved_and_leader_see_the_case(case):
    involved = MembershipFactory(team=case.team).user
    case.involved_members.add(involved)
    leader = MembershipFactory(team=case.team, roles=[TeamRole.TEAMLEIDER]).user
    for user in (case.coordinator, involved, leader):
        assert policies.can_view_case(user, case)


def test_others_do_not_see_the_case(case):
    same_team_not_involved = MembershipFactory(team=case.team).user
    other_team_leader = MembershipFactory(roles=[TeamRole.TEAMLEIDER]).user
    for user in (
        same_team_not_involved,
        other_team_leader,
        UserFactory(beheerder=True),
        UserFactory(beleid=True),
        UserFactory(wmoraad=True),
    ):
        assert not policies.can_view_case(user, case)


def test_case_get_logs_read_with_all_household_residents(case):
    selectors.case_get(user=case.coordinator, pk=case.pk)
    entry = AccessLogEntry.objects.get(action="read")
    assert sorted(entry.resident_ids) == sorted(case.household.members.values_list("pk", flat=True))
    assert entry.object_type == "cases.Case" and entry.user == case.coordinator
    assert AccessLogResident.objects.filter(entry=entry).count() == 2


def test_out_of_scope_is_404_and_logged_as_refused(case):
    outsider = MembershipFactory().user
    with pytest.raises(Http404):
        selectors.case_get(user=outsider, pk=case.pk)
    entry = AccessLogEntry.objects.get(action="refused")
    assert entry.user == outsider and str(case.pk) in entry.purpose
    assert sorted(entry.resident_ids) == sorted(case.household.members.values_list("pk", flat=True))


def test_guessing_a_nonexistent_id_looks_the_same(case):
    outsider = MembershipFactory().user
    with pytest.raises(Http404):
        selectors.case_get(user=outsider, pk=case.pk + 1000)
    assert AccessLogEntry.objects.filter(action="refused", user=outsider).count() == 1


def test_search_returns_only_visible_residents_and_logs(case):
    visible = case.household.members.first()
    hidden = ResidentFactory(
        last_name=visible.last_name, household__municipality=case.team.municipality
    )
    found = selectors.resident_search(user=case.coordinator, query=visible.last_name)
    assert visible in found and hidden not in found
    entry = AccessLogEntry.objects.get(action="search")
    assert visible.pk in entry.resident_ids and hidden.pk not in entry.resident_ids


def test_search_by_bsn_is_exact(case):
    resident = case.household.members.first()
    resident.bsn = "111222333"
    resident.save()
    assert selectors.resident_search(user=case.coordinator, bsn="111.22.2333") == [resident]
    assert selectors.resident_search(user=case.coordinator, bsn="11122233") == []


def test_reports_are_visible_to_the_whole_team_only():
    report = ReportFactory()
    colleague = MembershipFactory(team=report.team).user
    outsider = MembershipFactory().user
    assert report in policies.report_scope(colleague)
    assert report not in policies.report_scope(outsider)
    assert report.resident in policies.resident_scope(colleague)
    assert report.resident not in policies.resident_scope(outsider)


def test_access_log_chain_links_entries(case):
    selectors.case_get(user=case.coordinator, pk=case.pk)
    selectors.case_get(user=case.coordinator, pk=case.pk)
    first, second = AccessLogEntry.objects.order_by("id")
    assert second.prev_hash == first.hash and first.hash != second.hash


def test_work_queue_lists_terms_and_overloaded_carers_sorted(case):
    import datetime

    from wijkteam.cases.services.terms import term_start
    from wijkteam.testing.factories import NetworkMemberFactory

    term_start(case=case, key="wmo_onderzoek", starts_on=datetime.date(2026, 1, 7))
    NetworkMemberFactory(household=case.household, overloaded=True)
    items = selectors.work_queue(user=case.coordinator)
    kinds = [i.kind for i in items]
    assert "termijn" in kinds and "mantelzorger" in kinds
    assert [i.due_on for i in items] == sorted(i.due_on for i in items)
    assert AccessLogEntry.objects.filter(action="read", purpose="werkvoorraad bekeken").exists()


@pytest.mark.parametrize("query", ["van der Berg", "Berg", "Anna", "Anna Berg", "anna van der"])
def test_search_by_name_with_multiword_surname(case, query):
    resident = case.household.members.first()
    resident.first_name, resident.last_name = "Anna", "van der Berg"
    resident.save()
    assert resident in selectors.resident_search(user=case.coordinator, query=query)


def test_search_does_not_match_unrelated_names(case):
    resident = case.household.members.first()
    resident.first_name, resident.last_name = "Anna", "van der Berg"
    resident.save()
    assert selectors.resident_search(user=case.coordinator, query="Pieters") == []


def test_work_queue_leaves_out_the_residents_own_terms(case):
    import datetime

    from wijkteam.cases.services.terms import term_start

    term_start(case=case, key="wmo_persoonlijk_plan", starts_on=datetime.date(2026, 1, 7))
    term_start(case=case, key="bezwaar", starts_on=datetime.date(2026, 1, 7))
    term_start(case=case, key="wmo_onderzoek", starts_on=datetime.date(2026, 1, 7))
    labels = [i.label for i in selectors.work_queue(user=case.coordinator) if i.kind == "termijn"]
    assert len(labels) == 1  # only the team's own term: the onderzoek


def test_work_queue_page_shows_the_most_urgent_and_logs_only_the_residents_shown(case):
    import datetime

    from wijkteam.cases.services.terms import term_start
    from wijkteam.testing.factories import CaseFactory

    cases = [case] + [
        CaseFactory(team=case.team, coordinator=case.coordinator)
        for _ in range(selectors.QUEUE_PAGE_SIZE)
    ]
    for n, c in enumerate(cases):
        term_start(
            case=c,
            key="wmo_onderzoek",
            starts_on=datetime.date(2026, 1, 7) + datetime.timedelta(days=n),
        )
    first = selectors.work_queue_page(user=case.coordinator, page=1)
    assert len(first.object_list) == selectors.QUEUE_PAGE_SIZE
    assert first.paginator.count == len(cases)
    assert [i.due_on for i in first.object_list] == sorted(i.due_on for i in first.object_list)
    entry = AccessLogEntry.objects.filter(purpose="werkvoorraad bekeken").latest("id")
    shown = {r.pk for i in first.object_list for r in i.case.household.members.all()}
    assert set(entry.resident_ids) == shown
    last = set(cases[-1].household.members.values_list("pk", flat=True))
    assert not last & set(entry.resident_ids)  # the least urgent case is on page 2, not logged
    second = selectors.work_queue_page(user=case.coordinator, page=2)
    assert [i.case for i in second.object_list] == [cases[-1]]


def test_start_page_counts_the_queue_without_reading_resident_data(case, client_for):
    import datetime

    from django.urls import reverse

    from wijkteam.cases.services.terms import term_start

    term_start(case=case, key="wmo_onderzoek", starts_on=datetime.date(2026, 1, 7))
    client = client_for(case.coordinator)
    before = AccessLogEntry.objects.count()
    html = client.get(reverse("home:home")).content.decode()
    assert "1 punt in uw werkvoorraad" in html and "1 verlopen" in html
    assert AccessLogEntry.objects.count() == before  # numbers only: no resident data was shown
