"""The case page is built from sections, one per stage of the work.

Each module in ``wijkteam.cases.stages`` registers a loader ``(case, user) -> context`` with
an order; the case page selector calls every loader once and the template includes
``cases/sections/<name>.html`` for each, in order. A loader must use a fixed number of
queries, whatever the size of the case.
"""

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from wijkteam.accounts.models import User

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


def load_sections(
    *, case: Case, user: User, include: Callable[[str], bool] | None = None
) -> list[tuple[str, Any]]:
    """(name, context) for every section the user may see, in page order."""
    return [
        (s.name, s.loader(case, user))
        for s in sorted(_SECTIONS.values(), key=lambda s: s.order)
        if include is None or include(s.name)
    ]
