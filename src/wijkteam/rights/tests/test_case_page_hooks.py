"""The privacy hooks of the case selectors: emergency access in case_get, hidden tabs and
sections in case_page (tested on the selectors themselves)."""

import pytest
from django.http import Http404

from wijkteam.cases import selectors as case_selectors
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.privacy.models import AccessLogEntry
from wijkteam.rights import services

pytestmark = pytest.mark.django_db


def consent(world, categories):
    return services.consent_record(
        actor=world.own,
        resident=world.resident,
        organisation=world.provider,
        purpose="Samenwerken in het team",
        categories=categories,
        given_how="mondeling",
        valid_from=world.case.opened_on,
    )


def names(page):
    """The sections whose tab the page offers."""
    return [t.section for t in page.tabs if t.section]


def test_out_of_scope_is_404_without_a_grant_and_readable_with_one(world):
    with pytest.raises(Http404):
        case_selectors.case_get(user=world.outsider, pk=world.case.pk)
    assert AccessLogEntry.objects.filter(action=AccessAction.REFUSED).count() == 1
    services.emergency_access_open(
        actor=world.outsider, case=world.case, reason="Acute zorg", minutes=30
    )
    case = case_selectors.case_get(user=world.outsider, pk=world.case.pk)
    assert case == world.case
    last = AccessLogEntry.objects.order_by("-id").first()
    assert last.action == AccessAction.EMERGENCY


def test_under_a_grant_the_page_shows_everything_read_only(world):
    services.emergency_access_open(
        actor=world.outsider, case=world.case, reason="Acute zorg", minutes=30
    )
    page = case_selectors.case_page(user=world.outsider, pk=world.case.pk)
    assert page.can_work is False
    assert page.emergency_until is not None
    assert all(page.categories.values())
    assert len(page.residents) == 2


def test_member_of_another_organisation_sees_only_consented_sections(world):
    page = case_selectors.case_page(user=world.coordinator, pk=world.case.pk)
    assert names(page) == []
    assert page.residents == [] and page.network == [] and page.reports == []
    assert page.emergency_until is None
    consent(world, [DataCategory.BASISGEGEVENS, DataCategory.PLAN])
    page = case_selectors.case_page(user=world.coordinator, pk=world.case.pk)
    assert len(page.residents) == 2
    assert page.categories["plan"] and not page.categories["besluiten"]
    from wijkteam.cases.sections import _SECTIONS
    from wijkteam.privacy.constants import SECTION_CATEGORIES

    expected = {n for n in _SECTIONS if SECTION_CATEGORIES.get(n) == DataCategory.PLAN}
    assert "plan" in expected
    assert set(names(page)) == expected
    plan = case_selectors.case_page(user=world.coordinator, pk=world.case.pk, tab="plan")
    assert [name for name, _context in plan.sections] == ["plan"]
    refused = case_selectors.case_page(user=world.coordinator, pk=world.case.pk, tab="besluiten")
    assert refused.section is None and not refused.tab_allowed  # no loader ran: no data


def test_responsible_organisation_sees_every_section(world):
    page = case_selectors.case_page(user=world.own, pk=world.case.pk)
    from wijkteam.cases.sections import _SECTIONS

    assert names(page) == [s.name for s in sorted(_SECTIONS.values(), key=lambda s: s.order)]
    assert len(page.residents) == 2
    for tab in page.tabs:
        shown = case_selectors.case_page(user=world.own, pk=world.case.pk, tab=tab.slug)
        assert shown.tab == tab
        assert [name for name, _context in shown.sections] == ([tab.section] if tab.section else [])
