"""Who may do what with the figures (small pure functions over the system role)."""

from wijkteam.accounts.policies import (
    AnyUser,
    can_view_aggregate_reports,
    can_view_published_reports,
)


def may_compose(user: AnyUser) -> bool:
    """The beleidsmedewerker composes, previews and publishes overviews for the Wmo-raad."""
    return can_view_aggregate_reports(user)


def may_read_published(user: AnyUser) -> bool:
    """The Wmo-raad (and the beleidsmedewerker) read published versions only."""
    return can_view_published_reports(user)
