"""The rights app registers its own records in inzage and retention
(``wijkteam.privacy.registry``) and its menu entries (``wijkteam.core.navigation``)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.core import jobs, navigation
from wijkteam.organisation.policies import can_configure, is_professional
from wijkteam.privacy import registry

from .models import CorrectionRequest, InzageRequest
from .policies import may_review_access_log, may_view_register
from .services import retention_review


def register() -> None:
    registry.register_inzage("rights.InzageRequest", lambda s: Q(resident=s.resident), order=600)
    registry.register_inzage(
        "rights.CorrectionRequest", lambda s: Q(resident=s.resident), order=610
    )
    registry.register_resident_rows(
        "rights.InzageRequest",
        lambda ids, _household: InzageRequest.objects.filter(resident_id__in=ids),
        order=10,
    )
    registry.register_resident_rows(
        "rights.CorrectionRequest",
        lambda ids, _household: CorrectionRequest.objects.filter(resident_id__in=ids),
        order=11,
    )
    for order, label, url_name, visible in [
        (30, _("Privacy"), "privacy:open_requests", is_professional),
        (52, _("Verwerkingsregister"), "privacy:register", may_view_register),
        (53, _("Bewaartermijnen"), "privacy:retention", can_configure),
        (54, _("Toegangslog"), "privacy:access_log", may_review_access_log),
    ]:
        navigation.register(
            navigation.NavEntry(order=order, label=label, url_name=url_name, visible=visible)
        )
    jobs.register(
        jobs.Job(
            name="bewaartermijn-proefdraai",
            title=_("Bewaartermijnen: proefdraai ter goedkeuring"),
            run=lambda: retention_review.retention_review_prepare(),
            hour=3,
        )
    )
    jobs.register(
        jobs.Job(
            name=retention_review.EXECUTE_JOB,
            title=_("Bewaartermijnen: goedgekeurde vernietiging uitvoeren"),
            run=retention_review.retention_reviews_execute,
            hour=4,
            atomic=False,
        )
    )
