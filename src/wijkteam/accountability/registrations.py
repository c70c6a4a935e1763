"""The nightly snapshot job (``wijkteam.core.jobs``)."""

from django.utils.translation import gettext_lazy as _

from wijkteam.accounts.policies import can_view_aggregate_reports, can_view_published_reports
from wijkteam.core import jobs, navigation

from .snapshot import nightly_job


def register() -> None:
    jobs.register(
        jobs.Job(
            name="accountability-snapshot",
            title=_("Cijfers voor verantwoording bijwerken"),
            run=nightly_job,
            hour=3,
        )
    )
    navigation.register(
        navigation.NavEntry(
            order=40,
            label=_("Indicatoren"),
            url_name="accountability:dashboard",
            visible=can_view_aggregate_reports,
        )
    )
    navigation.register(
        navigation.NavEntry(
            order=41,
            label=_("Prestaties aanbieders"),
            url_name="accountability:performance",
            visible=can_view_aggregate_reports,
        )
    )
    navigation.register(
        navigation.NavEntry(
            order=42,
            label=_("Overzichten Wmo-raad"),
            url_name="accountability:overviews",
            visible=can_view_aggregate_reports,
        )
    )
    navigation.register(
        navigation.NavEntry(
            order=43,
            label=_("Publicaties"),
            url_name="accountability:published_list",
            visible=can_view_published_reports,
        )
    )
