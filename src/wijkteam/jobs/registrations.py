"""The jobs page in the beheerder's menu."""

from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.policies import can_configure
from wijkteam.core import navigation


def register() -> None:
    navigation.register(
        navigation.NavEntry(
            order=80, label=_("Geplande taken"), url_name="jobs:overview", visible=can_configure
        )
    )
