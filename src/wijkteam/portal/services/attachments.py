"""The one file a message may carry, in either direction.

The documents app's checks are reused as they are: the kind is decided by the content (not by
the name), the size is limited (``DOCUMENTS_MAX_BYTES``), the file is scanned for viruses
(``audit.upload_scan``, fail closed) and a refusal is a plain Dutch message
on the ``attachment`` field. The file goes to the documents' private storage under a random
name, only after the checks pass; a file stored for a message that is then not saved (a
rollback, a double submit that lost the race) is removed again by the caller.
"""

import hashlib
from dataclasses import dataclass

from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.core.files import File

from wijkteam.audit import upload_scan as scanning
from wijkteam.documents import filetypes
from wijkteam.documents.services import max_bytes
from wijkteam.documents.storage import document_storage, new_stored_name, remove_files

from ..models import Message, MessageAttachment


@dataclass(frozen=True)
class CheckedFile:
    name: str
    content_type: str
    size: int
    sha256: str


def check_attachment(
    file: File, *, actor: AbstractBaseUser | None = None, case_id: int | None = None
) -> CheckedFile:
    """The checked file, or a ``ValidationError`` on ``attachment`` with nothing stored: of a
    kind or size that is not allowed, infected, or not scanned (the scanner unreachable; fail
    closed). ``actor`` and ``case_id`` go into the audit row of an infected file."""
    name = filetypes.clean_filename(file.name or "")
    size = int(file.size or 0)
    try:
        kind = filetypes.check(name=name, stream=file, size=size, max_bytes=max_bytes())
    except ValidationError as exc:
        raise ValidationError({"attachment": exc.messages}) from exc
    scanning.scan_upload(
        file=file, field="attachment", actor=actor, where="portal-bericht", case_id=case_id
    )
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return CheckedFile(
        name=name, content_type=kind.content_type, size=size, sha256=digest.hexdigest()
    )


def store_attachment(file: File) -> str:
    """Write the (checked) file to private storage; its stored name."""
    file.seek(0)
    return document_storage().save(new_stored_name(), file)


def discard(stored: str | None) -> None:
    if stored:
        remove_files([stored])


def attach(*, message: Message, checked: CheckedFile, stored: str) -> MessageAttachment:
    """The attachment row for a stored file (inside the caller's transaction)."""
    return MessageAttachment.objects.create(
        message=message,
        original_name=checked.name,
        content_type=checked.content_type,
        size=checked.size,
        sha256=checked.sha256,
        stored_name=stored,
    )
