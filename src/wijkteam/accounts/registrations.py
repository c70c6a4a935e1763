"""What accounts registers with the layers below: its menu entry."""

from django.utils.translation import gettext_lazy as _

from wijkteam.core import navigation

from .policies import can_configure


def register() -> None:
    navigation.register(
        navigation.NavEntry(
            order=51, label=_("Accounts"), url_name="accounts:user_list", visible=can_configure
        )
    )
    navigation.register(
        navigation.NavEntry(
            order=52,
            label=_("Blokkades"),
            url_name="accounts:lockout_list",
            visible=can_configure,
        )
    )
