"""The virus scan of an upload, shared by every entry point that takes a file (case documents,
the portal's message attachments, the CBS and HSDS imports). Here, low in the floors, because
it writes the audit row of an infected file and every app that takes uploads may use it.

Called after the cheap checks (kind, size) and before anything is stored. Fail closed: when the
scanner cannot say the file is clean, the upload is refused with a plain Dutch message and
nothing is written. A virus found is refused too, and leaves an audit row (who tried, where,
the signature, size and sha256; never the file name, which may name a resident).
"""

import hashlib

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.utils.translation import gettext as _

from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.core import virus_scan

INFECTED = "virus"
UNAVAILABLE = "scan_unavailable"
TOO_LARGE = "scan_too_large"


def unavailable_message() -> str:
    return _("We konden het bestand nu niet controleren op virussen. Probeer het later opnieuw.")


def too_large_message() -> str:
    return _(
        "Dit bestand is te groot om op virussen te controleren. Het is niet opgeslagen. "
        "Stuur een kleiner bestand, of verdeel het over meer bestanden."
    )


def infected_message() -> str:
    return _(
        "In dit bestand zit een virus. Het is niet opgeslagen. Stuur het bestand niet nog eens; "
        "laat uw computer of telefoon controleren."
    )


def _sha256(file: File) -> str:
    digest = hashlib.sha256()
    file.seek(0)
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def scan_upload(
    *, file: File, field: str, actor: AbstractBaseUser | None, where: str, case_id: int | None
) -> None:
    """Return when ``file`` may be stored; otherwise a ``ValidationError`` on ``field`` (code
    ``virus``, ``scan_too_large`` or ``scan_unavailable``). ``where`` names the entry point in the audit row."""
    try:
        virus_scan.scan(file)
    except virus_scan.VirusFound as exc:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action=AuditAction.DENIED,
                object_repr=_("Upload geweigerd: virus gevonden (%(where)s)") % {"where": where},
                changes={
                    "reason": INFECTED,
                    "signature": exc.signature[:200],
                    "where": where,
                    "case": case_id,
                    "size": int(file.size or 0),
                    "sha256": _sha256(file),
                },
            )
        raise ValidationError({field: ValidationError(infected_message(), code=INFECTED)}) from None
    except virus_scan.ScanTooLarge:
        raise ValidationError(
            {field: ValidationError(too_large_message(), code=TOO_LARGE)}
        ) from None
    except virus_scan.ScanUnavailable:
        raise ValidationError(
            {field: ValidationError(unavailable_message(), code=UNAVAILABLE)}
        ) from None
