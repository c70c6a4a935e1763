"""The area app registers its menu entries: the team design (teamleiders, team members and the
functioneel beheerder) and the area pages (professionals, beheerder, beleidsmedewerker)."""

from django.utils.translation import gettext_lazy as _

from wijkteam.core import navigation

from .policies import may_use_designs, may_view_areas


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
