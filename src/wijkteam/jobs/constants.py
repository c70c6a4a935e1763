"""States of a job run and how it was started."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class RunStatus(models.TextChoices):
    QUEUED = "wachtrij", _("In de wachtrij")
    RUNNING = "bezig", _("Bezig")
    SUCCEEDED = "gelukt", _("Gelukt")
    FAILED = "mislukt", _("Mislukt")


OPEN_STATUSES = (RunStatus.QUEUED, RunStatus.RUNNING)


class Trigger(models.TextChoices):
    SCHEDULE = "planning", _("Volgens planning")
    MANUAL = "handmatig", _("Handmatig gestart")


# A run still queued or running after this long is recorded as failed: the worker stopped or
# is not running, and the beheerder must know.
STALE_AFTER = datetime.timedelta(hours=6)
