"""The foundation's own contributions to inzage and retention (see :mod:`.registry`)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from wijkteam.core import jobs

from . import jobs as privacy_jobs
from . import registry
from .models import Consent, ConsentRefusal, EmergencyAccess


def register() -> None:
    registry.register_inzage("privacy.Consent", lambda s: Q(resident=s.resident), order=500)
    registry.register_inzage("privacy.ConsentRefusal", lambda s: Q(resident=s.resident), order=505)
    registry.register_inzage(
        "privacy.EmergencyAccess", lambda s: Q(case_id__in=s.case_ids), order=510
    )
    registry.register_case_rows(
        "privacy.EmergencyAccess",
        lambda case_id: EmergencyAccess.objects.filter(case_id=case_id),
        order=0,
    )
    registry.register_resident_rows(
        "privacy.Consent",
        lambda resident_ids, _household: Consent.objects.filter(resident_id__in=resident_ids),
        order=0,
    )
    registry.register_resident_rows(
        "privacy.ConsentRefusal",
        lambda resident_ids, _household: ConsentRefusal.objects.filter(
            resident_id__in=resident_ids
        ),
        order=0,
    )
    jobs.register(
        jobs.Job(
            name="toegangslog-controle",
            title=_("Controle van de toegangslog (hashketen)"),
            run=privacy_jobs.access_log_check,
            hour=1,
            atomic=False,
        )
    )
    jobs.register(
        jobs.Job(
            name="toegangslog-checkpoint",
            title=_("Checkpoint van de toegangslog buiten de database"),
            run=privacy_jobs.access_log_checkpoint,
            every_minutes=15,
            atomic=False,
        )
    )
