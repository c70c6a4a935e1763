"""Where document files are kept: the ``documents`` alias of ``STORAGES``, private.

The files never lie under the static or media URL space: the default is a
``FileSystemStorage`` in ``var/documents/`` without a ``base_url``, and the only way to a file
is the access-checked download view. Production may point the alias at any Django storage
(an S3-compatible bucket through django-storages, for instance) with the
``WIJKTEAM_DOCUMENTS_STORAGE`` environment variable, without a code change
(docs/architecture.md, "Documents").

Files are stored under a random name (a UUID, two hex digits as folder); the original file
name is kept, sanitised, in the database only.
"""

import logging
import uuid
from collections.abc import Iterable

from django.core.files.storage import Storage, storages
from django.db import transaction

from .constants import STORAGE_ALIAS

logger = logging.getLogger(__name__)


def document_storage() -> Storage:
    return storages[STORAGE_ALIAS]


def new_stored_name() -> str:
    """``"3f/3f2a…"``: random, so a name says nothing about the resident or the document."""
    token = uuid.uuid4().hex
    return f"{token[:2]}/{token}"


def remove_files(names: Iterable[str]) -> None:
    """Remove stored files now (a file written for a row that was never saved)."""
    storage = document_storage()
    for name in names:
        try:
            storage.delete(name)
        except OSError:  # already gone, or the storage refuses: report, do not fail the caller
            logger.warning("Documentbestand kon niet worden verwijderd: %s", name)


def remove_files_on_commit(names: Iterable[str]) -> None:
    """Remove stored files once the transaction that deleted their rows commits.

    A rollback (a failed destruction, a dry run of retention) keeps them, together with the
    rows.
    """
    wanted = [n for n in names if n]
    if wanted:
        transaction.on_commit(lambda: remove_files(wanted))
