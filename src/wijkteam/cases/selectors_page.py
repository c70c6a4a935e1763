"""The case page: one tab of a case, its frame and the lists of that tab, scoped and logged.

The case itself comes from :func:`wijkteam.cases.selectors.case_get` (the scope rule, the
doorbraak, the access-log entry); what the user may see of it from the consent rule
(:func:`wijkteam.cases.policies_consent.visible_categories`, asked on every request: a consent
or doorbraak that ends stops showing data at once). The lists of the frame, the overview and
the history are read from statements compiled once (:mod:`wijkteam.core.compiled`, issue 17):
the same statements, rows and objects as the related managers gave, without building and
compiling the queryset on every request (proved in ``cases/tests/test_case_page_reads.py``).
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.emergency import grant_of
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.core import compiled
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.policies import category_flags, section_visible
from wijkteam.residents.models import NetworkMember, Resident, followed_up

from .links import ShownLink, links_for
from .models import Case, CaseTransition, CoordinatorAssignment, Report, TrackedTerm
from .sections import HISTORY, OVERVIEW, PHASE_TAB, TABS, Tab, load_section, tab_for
from .services.terms import TermView, term_view


@dataclass
class CasePage:
    """What one tab of the case page shows. Lists of other tabs stay empty (not loaded)."""

    case: Case
    tab: Tab
    tabs: list[Tab]
    involved: list[User]
    can_work: bool
    is_teamleader: bool
    categories: dict[str, bool]
    emergency_until: datetime.datetime | None = None
    # pages of higher apps about this case (``cases.links``), after the tabs
    links: list[ShownLink] = field(default_factory=list)
    # the overview
    residents: list[Resident] = field(default_factory=list)
    network: list[NetworkMember] = field(default_factory=list)
    carers_at_risk: list[NetworkMember] = field(default_factory=list)
    terms: list[TermView] = field(default_factory=list)
    next_tab: Tab | None = None
    # the history
    reports: list[Report] = field(default_factory=list)
    coordinator_history: list[CoordinatorAssignment] = field(default_factory=list)
    transitions: list[CaseTransition] = field(default_factory=list)
    # a stage tab: (section name, its context); None when the tab is not allowed
    section: tuple[str, Any] | None = None

    @property
    def sections(self) -> list[tuple[str, Any]]:
        return [self.section] if self.section is not None else []

    @property
    def tab_allowed(self) -> bool:
        return self.tab in self.tabs


# --------------------------------------------------------------------------------------------
# The lists of the page as querysets (what the related managers built before) ...
# --------------------------------------------------------------------------------------------


def involved_members(case_id: int) -> QuerySet[User]:
    """``case.involved_members.order_by("last_name", "first_name")``."""
    return User.objects.filter(involved_cases=case_id).order_by("last_name", "first_name")


def network_members(household_id: int) -> QuerySet[NetworkMember]:
    """``household.network`` with the supported resident and ``followed_up``, by name."""
    return (
        NetworkMember.objects.filter(household_id=household_id)
        .select_related("supports")
        .annotate(followed_up=followed_up())
        .order_by("name")
    )


def open_terms(case_id: int) -> QuerySet[TrackedTerm]:
    """``case.terms.filter(decision__isnull=True).order_by("due_on")``: the case's own terms."""
    return TrackedTerm.objects.filter(case_id=case_id, decision__isnull=True).order_by("due_on")


def case_reports(case_id: int) -> QuerySet[Report]:
    return (
        Report.objects.filter(case_id=case_id).select_related("resident").order_by("-received_at")
    )


def coordinator_history(case_id: int) -> QuerySet[CoordinatorAssignment]:
    return CoordinatorAssignment.objects.filter(case_id=case_id).select_related(
        "coordinator", "assigned_by"
    )


def case_transitions(case_id: int) -> QuerySet[CaseTransition]:
    return CaseTransition.objects.filter(case_id=case_id).select_related("by").order_by("at", "id")


# ... and read from statements compiled once, the parent set as the related manager sets it.


def _of[T: Model](
    name: str,
    build: Callable[[int], QuerySet[T]],
    parent: Model,
    attribute: str | None = None,
) -> list[T]:
    found: list[T] = compiled.instances(f"cases.page.{name}", build, [parent.pk])
    if attribute is not None:
        for obj in found:
            setattr(obj, attribute, parent)
    return found


def case_page(*, user: User, pk: int, tab: str = "") -> CasePage:
    """One tab of the case page, in a fixed number of queries whatever the size of the case.

    Every tab shows the frame (phase, team, regisseur, involved members); the overview adds the
    household, the network and the legal terms, a stage tab its section, the history tab the
    meldingen and the phase and regie history. The read is logged with the tab it was for.
    """
    from .selectors import case_get

    chosen = tab_for(tab)
    purpose = (
        _("casus geopend")
        if chosen.slug == OVERVIEW
        else _("casus geopend: %s") % str(chosen.label).lower()
    )
    case = case_get(user=user, pk=pk, purpose=purpose)
    visible = visible_categories(user, case)
    shows = category_flags(visible)
    involved: list[User] = _of("involved", involved_members, case)
    is_leader = org_policies.is_teamleader(user, case.team)
    grant = grant_of(case)
    page = CasePage(
        case=case,
        tab=chosen,
        tabs=[t for t in TABS if not t.section or section_visible(t.section, visible)],
        involved=involved,
        # a doorbraak is read-only
        can_work=grant is None
        and (is_leader or case.coordinator_id == user.pk or any(m.pk == user.pk for m in involved)),
        is_teamleader=is_leader,
        categories=shows,
        emergency_until=grant.expires_at if grant else None,
        links=links_for(user, case, visible),
    )
    if chosen.slug == OVERVIEW:
        page.residents = list(case.household.members.all()) if shows["basisgegevens"] else []
        if shows["netwerk"]:
            page.network = _of("network", network_members, case.household, "household")
        # at risk, and nothing done since the load was assessed (residents.CarerFollowUp)
        page.carers_at_risk = [
            m for m in page.network if m.at_risk and not getattr(m, "followed_up", False)
        ]
        page.terms = [term_view(t) for t in _of("terms", open_terms, case, "case")]
        next_tab = tab_for(PHASE_TAB.get(case.state, OVERVIEW))
        page.next_tab = next_tab if next_tab in page.tabs else None
    elif chosen.slug == HISTORY:
        if shows["onderzoek"]:
            page.reports = _of("reports", case_reports, case, "case")
        page.coordinator_history = _of("regie", coordinator_history, case, "case")
        page.transitions = _of("transitions", case_transitions, case, "case")
    elif page.tab_allowed:
        page.section = (chosen.section, load_section(name=chosen.section, case=case, user=user))
    return page
