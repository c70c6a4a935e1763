"""What organisation registers with the layers below: its menu entries."""

from django.utils.translation import gettext_lazy as _

from wijkteam.core import navigation

from . import policies


def register() -> None:
    for order, label, url_name, visible in [
        (24, _("Mijn teams"), "organisation:my_teams", policies.is_professional),
        (
            45,
            _("Teams in de gemeente"),
            "organisation:overview",
            policies.can_view_published_reports,
        ),
        (50, _("Inrichting"), "organisation:setup", policies.can_configure),
    ]:
        navigation.register(
            navigation.NavEntry(order=order, label=label, url_name=url_name, visible=visible)
        )
