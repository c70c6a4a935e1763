"""The catalogue's menu entry for the functioneel beheerder."""

from django.utils.translation import gettext_lazy as _

from wijkteam.core import navigation

from .policies import may_maintain_catalogue


def register() -> None:
    navigation.register(
        navigation.NavEntry(
            order=52,
            label=_("Aanbieders"),
            url_name="providers:catalogue",
            visible=may_maintain_catalogue,
        )
    )
