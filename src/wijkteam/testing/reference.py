"""Reference data that data migrations load (instruments, decree days, retention rules, the
building-blocks question bank).

A transactional test (the browser tests) empties the database when it ends; tests that need
the reference data afterwards call :func:`ensure_reference_data`, which runs the very same
loaders as the migrations (idempotent).
"""

import importlib

from django.apps import apps

LOADERS = (
    "wijkteam.cases.migrations.0003_reference_data",
    "wijkteam.privacy.migrations.0004_retention_defaults",
    "wijkteam.area.migrations.0002_question_bank",
)


def ensure_reference_data() -> None:
    for module in LOADERS:
        importlib.import_module(module).load(apps, None)
