"""URLs of every module in ``wijkteam.cases.views`` that defines ``urlpatterns``."""

import importlib
import pkgutil

from django.urls import URLPattern, URLResolver

from . import views

app_name = "cases"
urlpatterns: list[URLPattern | URLResolver] = []
for _module in sorted(pkgutil.iter_modules(views.__path__), key=lambda m: m.name):
    _mod = importlib.import_module(f"{views.__name__}.{_module.name}")
    urlpatterns += getattr(_mod, "urlpatterns", [])
