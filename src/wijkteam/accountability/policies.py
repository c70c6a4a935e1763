"""Who may do what with the figures (small pure functions over the system role)."""

from wijkteam.accounts.policies import (
    AnyUser,
    can_view_aggregate_reports,
    can_view_published_reports,
)
from wijkteam.core.request_cache import memo
from wijkteam.organisation.models import Membership


def may_compose(user: AnyUser) -> bool:
    """The beleidsmedewerker composes, previews and publishes overviews for the Wmo-raad."""
    return can_view_aggregate_reports(user)


def may_read_published(user: AnyUser) -> bool:
    """The Wmo-raad (and the beleidsmedewerker) read published versions only."""
    return can_view_published_reports(user)


def municipality_ids(user: AnyUser) -> list[int] | None:
    """The municipalities whose figures a beleidsmedewerker sees: those of the teams they are a
    member of; None (every municipality: one per installation) when they belong to no team.
    The Wmo-raad reads published overviews only, never the snapshot. Read once per request
    (``core.request_cache.memo``: the dashboard's view and selector both ask; a copy each)."""
    if not can_view_aggregate_reports(user):
        return []
    pk = user.pk or 0

    def read() -> list[int] | None:
        ids = list(
            Membership.objects.filter(user_id=pk)
            .values_list("team__municipality_id", flat=True)
            .distinct()
        )
        return ids or None

    ids = memo(("accountability.municipality_ids", pk), read)
    return None if ids is None else list(ids)
