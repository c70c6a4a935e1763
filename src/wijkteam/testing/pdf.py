"""Reading the PDF documents back in tests (pypdf, a dev dependency): their text and their tags."""

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject


def pdf_text(pdf: bytes) -> str:
    """The text of every page, whitespace collapsed to single spaces.

    A word broken after its hyphen at the end of a line is joined again
    (``Kowalczyk-\\nŁukasiewicz`` reads ``Kowalczyk-Łukasiewicz``).
    """
    assert pdf.startswith(b"%PDF"), "not a PDF"
    reader = PdfReader(io.BytesIO(pdf))
    text = "\n".join(page.extract_text() for page in reader.pages)
    text = re.sub(r"(?<=\w-)\s*\n\s*(?=\w)", "", text)
    return re.sub(r"\s+", " ", text).strip()


@dataclass
class PdfStructure:
    """What makes a PDF accessible, read from the file."""

    marked: bool
    lang: str
    title: str
    display_title: bool
    tags: list[str]  # the structure elements, depth first: Document, H1, P, Table, TR, TH …
    fonts: dict[str, bool]  # base font name → its program is embedded as TrueType (FontFile2)
    pages: int


def _resolve(value: object) -> object:
    return value.get_object() if isinstance(value, IndirectObject) else value


def _tags(node: object, found: list[str]) -> None:
    node = _resolve(node)
    if isinstance(node, ArrayObject):
        for child in node:
            _tags(child, found)
    elif isinstance(node, DictionaryObject):
        if "/S" in node:
            found.append(str(node["/S"]).lstrip("/"))
        if "/K" in node:
            _tags(node["/K"], found)


def pdf_structure(pdf: bytes) -> PdfStructure:
    reader = PdfReader(io.BytesIO(pdf))
    root = reader.trailer["/Root"]
    mark_info = _resolve(root.get("/MarkInfo")) or {}
    tags: list[str] = []
    if "/StructTreeRoot" in root:
        _tags(_resolve(root["/StructTreeRoot"]).get("/K"), tags)
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        for font in _resolve(page["/Resources"]).get("/Font", {}).values():
            font = _resolve(font)
            descriptors = [_resolve(d) for d in font.get("/DescendantFonts", [])] or [font]
            embedded = all(
                "/FontFile2" in _resolve(d.get("/FontDescriptor", {})) for d in descriptors
            )
            fonts[str(font["/BaseFont"]).lstrip("/")] = embedded
    preferences = _resolve(root.get("/ViewerPreferences")) or {}
    return PdfStructure(
        marked=bool(mark_info.get("/Marked")),
        lang=str(root.get("/Lang", "")),
        title=str((reader.metadata or {}).get("/Title", "")),
        display_title=bool(preferences.get("/DisplayDocTitle")),
        tags=tags,
        fonts=fonts,
        pages=len(reader.pages),
    )


def assert_accessible_pdf(pdf: bytes, *, title: str, tags: set[str]) -> PdfStructure:
    """Tagged (``/MarkInfo /Marked true``, a structure tree with ``tags``), Dutch, titled, and
    every font embedded as TrueType (the committed DejaVu Sans)."""
    structure = pdf_structure(pdf)
    assert structure.marked, "no /MarkInfo /Marked true"
    assert structure.lang == "nl"
    assert structure.title == title
    assert structure.display_title
    assert structure.tags[:1] == ["Document"], structure.tags[:5]
    missing = tags - set(structure.tags)
    assert not missing, f"structure tags missing: {missing}"
    assert structure.fonts, "no fonts"
    assert all(structure.fonts.values()), f"fonts not embedded: {structure.fonts}"
    assert all("DejaVu" in name for name in structure.fonts), structure.fonts
    return structure
