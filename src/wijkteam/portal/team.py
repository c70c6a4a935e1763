"""The team's side of the portal: on the case page, what the household said in Mijn wijkteam
(answers to the plan, with the version they are about). Staff only, scoped by the case."""

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.cases.links import ShownLink, links_for
from wijkteam.cases.models import Case
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.cases.sections import TABS, Tab
from wijkteam.cases.selectors import case_get
from wijkteam.privacy.constants import DataCategory
from wijkteam.privacy.policies import may_see, section_visible
from wijkteam.privacy.reads import professional_user

from .models import PlanAgreement

LINK_SLUG = "mijn-wijkteam"


def shows_portal_link(user: User, case: Case, categories: frozenset[str] | None) -> bool:
    return may_see(categories, DataCategory.PLAN)


@dataclass
class TeamPortalPage:
    case: Case
    tabs: list[Tab]
    links: list[ShownLink]
    answers: list[PlanAgreement]


def team_portal_page(*, user: User, case_pk: int) -> TeamPortalPage:
    case = case_get(
        user=user,
        pk=case_pk,
        purpose=_("casus geopend: antwoorden uit Mijn wijkteam"),
        category=DataCategory.PLAN,
    )
    categories = visible_categories(user, case)
    answers = list(
        PlanAgreement.objects.filter(plan__case=case).select_related("resident").order_by("-at")
    )
    return TeamPortalPage(
        case=case,
        tabs=[t for t in TABS if not t.section or section_visible(t.section, categories)],
        links=links_for(user, case, categories),
        answers=answers,
    )


def team_portal(request: HttpRequest, pk: int) -> HttpResponse:
    user = professional_user(request)
    view = team_portal_page(user=user, case_pk=pk)
    return render(
        request,
        "portal/team_case.html",
        {"view": view, "case": view.case, "current_link": LINK_SLUG},
    )
