"""Writes of documents: add one to a case, remove one. Keyword-only, audit inside the
transaction, every change in the access log.

Nothing is written for a refused upload: the type, size, content and duplicate checks all run
before the file is stored, and a file stored for a row that then fails to save is removed
again. A second submit of the same upload form (same ``upload_token``) returns the document the
first one added.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from wijkteam.accounts.models import User
from wijkteam.audit import upload_scan as scanning
from wijkteam.audit.constants import AuditAction
from wijkteam.audit.services import audit_record
from wijkteam.cases.models import Action, Case, Decision
from wijkteam.cases.policies_consent import visible_categories
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction, DataCategory
from wijkteam.residents.models import Resident

from . import filetypes
from .constants import DEFAULT_MAX_BYTES, TYPE_CATEGORIES, DocumentType
from .models import Document
from .policies import may_see_type, may_work_on_documents
from .storage import document_storage, new_stored_name, remove_files


def _duplicate() -> str:
    return _("Dit bestand is al eerder aan deze casus toegevoegd.")


def max_bytes() -> int:
    """The largest file accepted: ``settings.DOCUMENTS_MAX_BYTES`` (10 MB by default)."""
    return int(getattr(settings, "DOCUMENTS_MAX_BYTES", DEFAULT_MAX_BYTES))


def _residents(case: Case) -> list[int]:
    return [r.pk for r in case.household.members.all()]


def _sha256(file: File) -> str:
    digest = hashlib.sha256()
    for chunk in file.chunks():
        digest.update(chunk)
    file.seek(0)
    return digest.hexdigest()


def _repr(document: Document) -> str:
    # No file name: it may name the resident, and the audit trail holds no resident data.
    return _("Document (%(type)s) bij casus %(case)s") % {
        "type": document.get_document_type_display(),
        "case": document.case_id,
    }


def _require_worker(actor: User, case: Case, document_type: str) -> None:
    if not may_work_on_documents(actor, case):
        raise PermissionDenied(
            _("Alleen de regisseur, een betrokken teamlid of de teamleider werkt aan documenten.")
        )
    if not may_see_type(visible_categories(actor, case), document_type):
        raise PermissionDenied(
            _("Uw organisatie heeft voor deze gegevens (%s) geen toestemming van de inwoner.")
            % DataCategory(TYPE_CATEGORIES[document_type]).label
        )


def document_upload(
    *,
    actor: User,
    case: Case,
    document_type: str,
    file: File,
    description: str = "",
    resident: Resident | None = None,
    action: Action | None = None,
    decision: Decision | None = None,
    upload_token: uuid.UUID | None = None,
) -> Document:
    """Add a file to a case; refused with a Dutch message (on ``file``) and nothing stored
    when it is empty, too large, of a kind that is not allowed, not what its name says,
    already on the case, infected, or when the virus scanner cannot be reached (fail closed)."""
    if document_type not in DocumentType.values:
        raise ValidationError({"document_type": _("Kies een soort document.")})
    _require_worker(actor, case, document_type)
    if upload_token is not None:
        earlier = Document.objects.filter(case=case, upload_token=upload_token).first()
        if earlier is not None:
            return earlier  # the same form sent twice
    name = filetypes.clean_filename(file.name or "")
    size = int(file.size or 0)
    try:
        kind = filetypes.check(name=name, stream=file, size=size, max_bytes=max_bytes())
    except ValidationError as exc:
        raise ValidationError({"file": exc.messages}) from exc
    digest = _sha256(file)
    if Document.objects.filter(case=case, sha256=digest).exists():
        raise ValidationError({"file": _duplicate()})
    scanning.scan_upload(file=file, field="file", actor=actor, where="documents", case_id=case.pk)
    document = Document(
        case=case,
        document_type=document_type,
        description=description.strip(),
        resident=resident,
        original_name=name,
        content_type=kind.content_type,
        size=size,
        sha256=digest,
        stored_name=new_stored_name(),
        action=action,
        decision=decision,
        upload_token=upload_token,
        uploaded_by=actor,
    )
    document.full_clean()
    file.seek(0)
    stored = document_storage().save(document.stored_name, file)
    document.stored_name = stored
    try:
        with transaction.atomic():
            document.save()
            audit_record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=document,
                object_repr=_repr(document),
                changes={
                    "document_type": document_type,
                    "content_type": kind.content_type,
                    "size": size,
                    "sha256": digest,
                },
            )
            log_access(
                user=actor,
                action=AccessAction.CREATE,
                residents=_residents(case),
                obj=document,
                purpose=_("document toegevoegd: %s") % document.get_document_type_display(),
            )
    except IntegrityError:
        # Another request added the same form or the same file in the meantime.
        remove_files([stored])
        if upload_token is not None:
            earlier = Document.objects.filter(case=case, upload_token=upload_token).first()
            if earlier is not None:
                return earlier
        raise ValidationError({"file": _duplicate()}) from None
    except BaseException:
        remove_files([stored])
        raise
    return document


def document_delete(*, actor: User, document: Document) -> None:
    """Remove a document (added by mistake, to the wrong case); its file goes on commit."""
    case = document.case
    _require_worker(actor, case, document.document_type)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action=AuditAction.DELETE,
            obj=document,
            object_repr=_repr(document),
            changes={"document_type": document.document_type, "sha256": document.sha256},
        )
        log_access(
            user=actor,
            action=AccessAction.DELETE,
            residents=_residents(case),
            obj=document,
            purpose=_("document verwijderd: %s") % document.get_document_type_display(),
        )
        document.delete()
