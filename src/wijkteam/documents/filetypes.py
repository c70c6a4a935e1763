"""What kind of file is this? Decided by the content, never by the name alone.

Allowed: PDF, PNG, JPEG, Word and Excel (docx, xlsx, Office Open XML) and OpenDocument text
and spreadsheet (odt, ods). The name's extension says what the uploader claims; the content
must be exactly that kind:

- PDF starts with ``%PDF-``, PNG with its 8-byte signature, JPEG with ``FF D8 FF``;
- docx, xlsx, odt and ods are ZIP archives. They are opened with :mod:`zipfile`: an OOXML
  file must declare its main part in ``[Content_Types].xml`` (the *document* of a word
  processor, the *sheet* of a spreadsheet; a macro-enabled or template variant does not
  match), an ODF file must name its type in the ``mimetype`` entry. Only those small entries
  are read, with a size cap, so an archive cannot make the check decompress a lot.

Why no library: the well-kept candidates on PyPI (``filetype``, ``puremagic``) recognise the
three signatures just as this module does, but recognise OOXML and ODF by looking for
byte patterns in the first few kilobytes of the archive, which depends on the order in
which a program wrote the entries, and accept a docm as a docx. Opening the archive is the
reliable check and takes a few lines; a dependency in the hashed lock for the rest was not
worth it.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import IO

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


@dataclass(frozen=True)
class FileKind:
    key: str
    label: str | Promise  # "PDF-document"
    content_type: str
    extensions: tuple[str, ...]


PDF = FileKind("pdf", gettext_lazy("PDF-document"), "application/pdf", (".pdf",))
PNG = FileKind("png", gettext_lazy("PNG-afbeelding"), "image/png", (".png",))
JPEG = FileKind("jpeg", gettext_lazy("JPEG-foto"), "image/jpeg", (".jpg", ".jpeg"))
DOCX = FileKind(
    "docx",
    gettext_lazy("Word-document (docx)"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    (".docx",),
)
XLSX = FileKind(
    "xlsx",
    gettext_lazy("Excel-werkblad (xlsx)"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    (".xlsx",),
)
ODT = FileKind(
    "odt",
    gettext_lazy("OpenDocument-tekst (odt)"),
    "application/vnd.oasis.opendocument.text",
    (".odt",),
)
ODS = FileKind(
    "ods",
    gettext_lazy("OpenDocument-rekenblad (ods)"),
    "application/vnd.oasis.opendocument.spreadsheet",
    (".ods",),
)
KINDS: tuple[FileKind, ...] = (PDF, PNG, JPEG, DOCX, XLSX, ODT, ODS)
BY_EXTENSION: dict[str, FileKind] = {ext: kind for kind in KINDS for ext in kind.extensions}
# For the file input's ``accept`` attribute (a hint to the browser; the check is here).
ACCEPT = ",".join(BY_EXTENSION)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
JPEG_SIGNATURE = b"\xff\xd8\xff"
PDF_SIGNATURE = b"%PDF-"
ZIP_SIGNATURE = b"PK\x03\x04"

# The main part each OOXML kind declares in [Content_Types].xml.
OOXML_MAIN = {
    DOCX: b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
    XLSX: b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
}
ODF_MIMETYPES = {kind.content_type.encode(): kind for kind in (ODT, ODS)}
CONTENT_TYPES_ENTRY = "[Content_Types].xml"
MAX_CONTENT_TYPES_BYTES = 256 * 1024
MAX_MIMETYPE_BYTES = 100


def extension_of(name: str) -> str:
    """``".pdf"`` for ``"Brief huisarts.PDF"``; ``""`` without an extension."""
    stem, dot, ext = name.rpartition(".")
    return f".{ext.lower()}" if dot and stem else ""


def _declares(content_types: bytes, main: bytes) -> bool:
    return (
        re.search(rb'ContentType\s*=\s*["\']' + re.escape(main) + rb'["\']', content_types)
        is not None
    )


def _read_entry(archive: zipfile.ZipFile, name: str, limit: int) -> bytes | None:
    info = archive.getinfo(name)
    if info.file_size > limit:
        return None
    with archive.open(info) as entry:
        return entry.read(limit + 1)[:limit]


def _zip_kind(stream: IO[bytes]) -> FileKind | None:
    try:
        with zipfile.ZipFile(stream) as archive:
            names = set(archive.namelist())
            if "mimetype" in names:
                value = _read_entry(archive, "mimetype", MAX_MIMETYPE_BYTES)
                return ODF_MIMETYPES.get((value or b"").strip())
            if CONTENT_TYPES_ENTRY in names:
                declared = _read_entry(archive, CONTENT_TYPES_ENTRY, MAX_CONTENT_TYPES_BYTES)
                if declared is None:
                    return None
                for kind, main in OOXML_MAIN.items():
                    if _declares(declared, main):
                        return kind
    except (zipfile.BadZipFile, zipfile.LargeZipFile, RuntimeError, NotImplementedError):
        # not a readable archive, encrypted entries, an unknown compression method
        return None
    except (OSError, EOFError, ValueError):
        return None
    return None


def detect(stream: IO[bytes]) -> FileKind | None:
    """The allowed kind the content is, or ``None``. Leaves the stream at its start."""
    stream.seek(0)
    head = stream.read(8)
    try:
        if head.startswith(PDF_SIGNATURE):
            return PDF
        if head.startswith(PNG_SIGNATURE):
            return PNG
        if head.startswith(JPEG_SIGNATURE):
            return JPEG
        if head.startswith(ZIP_SIGNATURE):
            stream.seek(0)
            return _zip_kind(stream)
        return None
    finally:
        stream.seek(0)


def empty_message() -> str:
    return _("Het bestand is leeg. Kies een bestand met inhoud.")


def allowed_text() -> str:
    return _(
        "Toegestaan zijn PDF, afbeeldingen (PNG, JPEG), Word en Excel (docx, xlsx) en "
        "OpenDocument (odt, ods)."
    )


def check(*, name: str, stream: IO[bytes], size: int, max_bytes: int) -> FileKind:
    """The kind of an upload, or a ``ValidationError`` with a plain Dutch message.

    Refused: an empty file, a file over ``max_bytes``, an extension that is not allowed, and
    content that is not what the extension says (or not an allowed kind at all).
    """
    if size <= 0:
        raise ValidationError(empty_message(), code="empty")
    if size > max_bytes:
        raise ValidationError(
            _("Het bestand is te groot (%(size)s). Een document mag hoogstens %(max)s zijn.")
            % {"size": filesizeformat(size), "max": filesizeformat(max_bytes)},
            code="too_large",
        )
    ext = extension_of(name)
    claimed = BY_EXTENSION.get(ext)
    if claimed is None:
        raise ValidationError(
            _("Dit soort bestand kan niet worden toegevoegd.") + " " + allowed_text(),
            code="type",
        )
    found = detect(stream)
    if found is None:
        raise ValidationError(
            _(
                "De naam van dit bestand eindigt op %(ext)s, maar de inhoud is geen "
                "%(kind)s. Misschien is het bestand beschadigd of is alleen de naam veranderd. "
                "Sla het opnieuw op als %(kind)s en probeer het nog eens."
            )
            % {"kind": claimed.label, "ext": ext},
            code="mismatch",
        )
    if found != claimed:
        raise ValidationError(
            _(
                "De naam van dit bestand eindigt op %(ext)s, maar de inhoud is een %(found)s. "
                "Geef het bestand de juiste naam en probeer het nog eens."
            )
            % {"ext": ext, "found": found.label},
            code="mismatch",
        )
    return found


_UNSAFE = re.compile(r"[^\w\s.,()+-]")


def clean_filename(name: str, *, max_length: int = 200) -> str:
    """The original name, safe to show and to offer in a download: no folders, no control or
    special characters, at most ``max_length`` characters with the extension kept."""
    name = unicodedata.normalize("NFC", name).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = re.sub(r"\s+", " ", _UNSAFE.sub("_", name)).strip()
    stem, dot, ext = name.rpartition(".")
    if not dot:
        stem, ext = name, ""
    ext = f".{ext.strip().lower()}"[:16] if ext.strip() else ""
    stem = stem.strip(" .")
    if not stem.strip("_"):
        stem = _("document")
    return stem[: max_length - len(ext)].rstrip(" .") + ext
