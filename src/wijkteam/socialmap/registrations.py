"""The social map's menu entries: the map and the initiatives for professionals and the
beheerder. It holds no resident data, so nothing for inzage or retention."""

from django.utils.translation import gettext_lazy as _

from wijkteam.core import navigation

from .policies import may_search


def register() -> None:
    navigation.register(
        navigation.NavEntry(
            order=16, label=_("Sociale kaart"), url_name="socialmap:search", visible=may_search
        )
    )
    navigation.register(
        navigation.NavEntry(
            order=17,
            label=_("Initiatieven"),
            url_name="socialmap:initiatives",
            visible=may_search,
        )
    )
