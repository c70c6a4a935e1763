"""The nightly snapshot job (``wijkteam.core.jobs``) and the menu entries of the figures."""

from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.policies import can_view_aggregate_reports, can_view_published_reports
from wijkteam.core import jobs, navigation

from .snapshot import nightly_job

# (label, url name, who sees it), in menu order from 40 on.
MENU = [
    (_("Indicatoren"), "accountability:dashboard", can_view_aggregate_reports),
    (_("Prestaties aanbieders"), "accountability:performance", can_view_aggregate_reports),
    (_("Overzichten Wmo-raad"), "accountability:overviews", can_view_aggregate_reports),
    (_("Publicaties"), "accountability:published_list", can_view_published_reports),
]


def register() -> None:
    jobs.register(
        jobs.Job(
            name="accountability-snapshot",
            title=_("Cijfers voor verantwoording bijwerken"),
            run=nightly_job,
            hour=3,
        )
    )
    for order, (label, url_name, visible) in enumerate(MENU, start=40):
        navigation.register(
            navigation.NavEntry(order=order, label=label, url_name=url_name, visible=visible)
        )
