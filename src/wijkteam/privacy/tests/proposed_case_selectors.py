"""The wiring proposed for ``cases/selectors.py`` and ``cases/sections.py`` (see the report).

The lead applies these changes to the shared files; until then the tests in
``test_case_page_hooks.py`` patch them in, so the proposal itself is tested. Only the lines
marked ``# privacy`` differ from the current shared code.
"""

from typing import Any

from django.utils.translation import gettext as _

from wijkteam.cases import policies
from wijkteam.cases import sections as case_sections
from wijkteam.cases.models import Case
from wijkteam.cases.selectors import CasePage, _residents_of
from wijkteam.cases.services.terms import term_view
from wijkteam.organisation import policies as org_policies
from wijkteam.privacy.emergency import case_for_emergency, grant_of  # privacy
from wijkteam.privacy.policies import (  # privacy
    category_flags,
    section_visible,
    visible_categories,
)
from wijkteam.privacy.reads import log_read, refuse
from wijkteam.residents.models import Resident


def load_sections(*, case: Case, user: Any, include: Any = None) -> list[tuple[str, Any]]:
    """cases/sections.py: skip the loaders of hidden sections (no query, no data)."""
    return [
        (s.name, s.loader(case, user))
        for s in sorted(case_sections._SECTIONS.values(), key=lambda s: s.order)
        if include is None or include(s.name)  # privacy
    ]


def case_get(*, user: Any, pk: int, purpose: str = "") -> Case:
    case = (
        policies.case_scope(user)
        .select_related("household", "team", "coordinator", "client_supporter")
        .prefetch_related("household__members")
        .filter(pk=pk)
        .first()
    )
    if case is None:
        emergency = case_for_emergency(  # privacy: a running doorbraak opens the case
            user=user, pk=pk, purpose=purpose or _("casus geopend")
        )
        if emergency is not None:  # privacy
            return emergency  # privacy
        residents = Resident.objects.filter(household__cases__pk=pk).values_list("pk", flat=True)
        raise refuse(user=user, object_type="casus", object_id=pk, residents=list(residents))
    log_read(
        user=user, residents=_residents_of(case), obj=case, purpose=purpose or _("casus geopend")
    )
    return case


def case_page(*, user: Any, pk: int) -> CasePage:
    case = case_get(user=user, pk=pk)
    visible = visible_categories(user, case)  # privacy
    shows = category_flags(visible)  # privacy
    network = (
        list(case.household.network.select_related("supports").order_by("name"))
        if shows["netwerk"]  # privacy
        else []
    )
    terms = [term_view(t) for t in case.terms.filter(decision__isnull=True).order_by("due_on")]
    reports = (
        list(case.reports.select_related("resident").order_by("-received_at"))
        if shows["onderzoek"]  # privacy
        else []
    )
    history = list(case.coordinator_history.select_related("coordinator", "assigned_by"))
    is_leader = org_policies.is_teamleader(user, case.team)
    page = CasePage(
        case=case,
        residents=list(case.household.members.all()) if shows["basisgegevens"] else [],  # privacy
        network=network,
        carers_at_risk=[m for m in network if m.at_risk],
        reports=reports,
        terms=terms,
        coordinator_history=history,
        can_work=is_leader
        or case.coordinator_id == user.pk
        or case.involved_members.filter(pk=user.pk).exists(),
        is_teamleader=is_leader,
    )
    page.categories = shows  # type: ignore[attr-defined]  # privacy: a field of CasePage
    grant = grant_of(case)  # privacy
    page.emergency_until = grant.expires_at if grant else None  # type: ignore[attr-defined]
    page.sections = load_sections(
        case=case,
        user=user,
        include=lambda name: section_visible(name, visible),  # privacy
    )
    return page
