"""The area app registers its menu entries: the team design (teamleiders, team members and the
functioneel beheerder) and the area pages (professionals, beheerder, beleidsmedewerker); and a
nightly job that counts development plans whose periodic review is overdue."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wijkteam.core import jobs, navigation

from .policies import may_use_designs, may_view_areas
from .selectors.plan import overdue_reviews


def plan_review_job() -> str:
    return gettext("%(n)s ontwikkelplannen wachten op hun periodieke bespreking") % {
        "n": len(overdue_reviews())
    }


def register() -> None:
    navigation.register(
        navigation.NavEntry(
            order=45, label=_("Teamontwerp"), url_name="area:designs", visible=may_use_designs
        )
    )
    navigation.register(
        navigation.NavEntry(
            order=46, label=_("Gebieden"), url_name="area:areas", visible=may_view_areas
        )
    )
    jobs.register(
        jobs.Job(
            name="area-plan-reviews",
            title=_("Ontwikkelplannen over hun bespreekdatum tellen"),
            run=plan_review_job,
            hour=6,
            minute=15,
        )
    )
