"""Links on the case page to pages of apps above casework (documents; later a portal).

``cases`` sits below those apps and may not import them. An app that has a page about one case
registers a link here from its ``registrations.py``; the case page shows the link in its tab
navigation, after the tabs, to every user for whom ``visible(user, case, categories)`` holds
(``categories``: what the user may see of the case, ``None`` for everything — already known on
the case page, so a link costs no query). The linked page is the app's own; it shows the same
navigation with the link marked as current (``cases/_case_nav.html``).

    from wijkteam.cases import links

    links.register(links.CaseLink(slug="documenten", label=_("Documenten"),
                                  url_name="documents:list", order=10))
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise

from wijkteam.accounts.models import User
from wijkteam.core.url_cache import cached_reverse

from .models import Case

Visible = Callable[[User, Case, frozenset[str] | None], bool]


def _always(_user: User, _case: Case, _categories: frozenset[str] | None) -> bool:
    return True


@dataclass(frozen=True)
class CaseLink:
    slug: str  # names the link; the linked page marks it current with it
    label: str | Promise
    url_name: str  # reversed with the case's pk as its only argument
    order: int
    visible: Visible = _always


@dataclass(frozen=True)
class ShownLink:
    slug: str
    label: str | Promise
    url: str


_LINKS: dict[str, CaseLink] = {}


def register(link: CaseLink) -> None:
    """Add (or, under the same slug, replace) a link on the case page."""
    _LINKS[link.slug] = link


def links_for(user: User, case: Case, categories: frozenset[str] | None) -> list[ShownLink]:
    """The links this user sees on this case's page, in order."""
    return [
        ShownLink(slug=link.slug, label=link.label, url=cached_reverse(link.url_name, [case.pk]))
        for link in sorted(_LINKS.values(), key=lambda item: (item.order, item.slug))
        if link.visible(user, case, categories)
    ]
