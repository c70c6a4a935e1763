"""The case page is built from sections, one per stage of the work, each on its own tab.

Each module in ``wijkteam.cases.stages`` registers a loader ``(case, user) -> context`` with
an order. The case page opens on its overview (household, network, legal terms, phase and
regie); every stage has a tab (``?onderdeel=plan``) that loads only that stage's section, and
the history (meldingen, phases, regie) has one more. A tab's page therefore costs the frame
plus one section, whatever the age of the case, and the access log records which part was
read. The template includes ``cases/sections/<name>.html`` for the section of the tab. A loader
must use a fixed number of queries, whatever the size of the case.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from wijkteam.accounts.models import User
from wijkteam.core.url_cache import cached_reverse

from .constants import CaseState
from .models import Case

Loader = Callable[[Case, User], Any]


@dataclass(frozen=True)
class Section:
    name: str
    order: int
    loader: Loader


_SECTIONS: dict[str, Section] = {}


def register(name: str, *, order: int) -> Callable[[Loader], Loader]:
    def decorator(fn: Loader) -> Loader:
        _SECTIONS[name] = Section(name=name, order=order, loader=fn)
        return fn

    return decorator


def discover() -> None:
    """Import every stage module so that its section registers (called from AppConfig.ready)."""
    from . import stages

    for module in pkgutil.iter_modules(stages.__path__):
        importlib.import_module(f"{stages.__name__}.{module.name}")


# --------------------------------------------------------------------------------------------
# Tabs of the case page
# --------------------------------------------------------------------------------------------

OVERVIEW = "overzicht"
HISTORY = "geschiedenis"


@dataclass(frozen=True)
class Tab:
    slug: str  # the value of ?onderdeel= (Dutch, as the other URLs)
    label: str | Promise
    section: str = ""  # the registered section it shows; "" for the overview and history


TABS: tuple[Tab, ...] = (
    Tab(OVERVIEW, _("Overzicht")),
    Tab("onderzoek", _("Onderzoek"), "investigation"),
    Tab("metingen", _("Metingen"), "assessment"),
    Tab("plan", _("Plan"), "plan"),
    Tab("besluiten", pgettext_lazy("tabblad van de casus", "Besluiten"), "decision"),
    Tab("inzet", _("Inzet"), "intervention"),
    Tab("evaluatie", _("Evaluatie"), "evaluation"),
    Tab(HISTORY, _("Geschiedenis")),
)
_BY_SLUG = {t.slug: t for t in TABS}
_BY_SECTION = {t.section: t for t in TABS if t.section}

# Where the work of each phase is done: the overview points there.
PHASE_TAB: dict[str, str] = {
    CaseState.AANGEMELD: "onderzoek",
    CaseState.ONDERZOEK: "onderzoek",
    CaseState.PLAN: "plan",
    CaseState.UITVOERING: "inzet",
    CaseState.EVALUATIE: "evaluatie",
    CaseState.AFGESLOTEN: HISTORY,
}


def tab_for(slug: str) -> Tab:
    """The tab named by ``?onderdeel=``; the overview for anything unknown."""
    return _BY_SLUG.get(slug, _BY_SLUG[OVERVIEW])


def load_section(*, name: str, case: Case, user: User) -> Any:
    return _SECTIONS[name].loader(case, user)


def case_url(pk: int, section: str = "", anchor: str = "") -> str:
    """The case page, on the tab of ``section`` (a section name or tab slug) when given.

    Services' views redirect here after a change, so that the user lands where they worked.
    """
    url = cached_reverse("cases:detail", [pk])
    tab = _BY_SECTION.get(section) or _BY_SLUG.get(section)
    if tab is not None and tab.slug != OVERVIEW:
        url += f"?onderdeel={tab.slug}"
    fragment = anchor or (tab.section if tab is not None and tab.section else "")
    return url + (f"#{fragment}" if fragment else "")
