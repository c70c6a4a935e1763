"""Casework API, one module per stage; each module may define ``register(router)``."""

import importlib
import pkgutil

from rest_framework.routers import BaseRouter


def register_all(router: BaseRouter) -> None:
    for module in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        mod = importlib.import_module(f"{__name__}.{module.name}")
        register = getattr(mod, "register", None)
        if register is not None:
            register(router)
