"""The start page's menu entry (first, marked current on the start page only)."""

from django.utils.translation import gettext_lazy as _

from wijkteam.core import navigation


def register() -> None:
    navigation.register(
        navigation.NavEntry(
            order=0, label=_("Start"), url_name="home:home", visible=bool, exact=True
        )
    )
