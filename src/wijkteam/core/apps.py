from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "wijkteam.core"
    label = "core"
    verbose_name = _("Kern")

    def ready(self) -> None:
        from django.urls import register_converter

        from . import checks  # noqa: F401  (registers the system checks)
        from .converters import IdConverter

        register_converter(IdConverter, "id")

        from . import jobs
        from .idempotency import purge_idempotency_keys

        jobs.register(
            jobs.Job(
                name="idempotency-keys-purge",
                title=_("Oude idempotentiesleutels opruimen"),
                run=purge_idempotency_keys,
                hour=3,
                minute=40,
            )
        )
