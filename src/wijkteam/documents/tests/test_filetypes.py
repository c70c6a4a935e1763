"""The kind of a file is decided by its content; the name only says what is claimed."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError

from wijkteam.documents import filetypes, samples

MB = 1024 * 1024


def check(name: str, data: bytes, max_bytes: int = 10 * MB) -> filetypes.FileKind:
    return filetypes.check(name=name, stream=io.BytesIO(data), size=len(data), max_bytes=max_bytes)


def refusal(name: str, data: bytes, max_bytes: int = 10 * MB) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        check(name, data, max_bytes)
    return caught.value


@pytest.mark.parametrize(
    ("name", "key", "content_type"),
    [
        ("verklaring.pdf", "pdf", "application/pdf"),
        ("foto.png", "png", "image/png"),
        ("foto.jpg", "jpeg", "image/jpeg"),
        ("FOTO.JPEG", "jpeg", "image/jpeg"),
        (
            "brief.docx",
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "begroting.xlsx",
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("verslag.odt", "odt", "application/vnd.oasis.opendocument.text"),
        ("overzicht.ods", "ods", "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_every_allowed_kind_is_recognised_by_its_content(name, key, content_type):
    data = samples.BY_EXTENSION[filetypes.extension_of(name)]()
    kind = check(name, data)
    assert (kind.key, kind.content_type) == (key, content_type)


def test_an_ooxml_file_is_recognised_whatever_the_order_of_its_entries():
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(samples.ooxml("docx"))) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for name in reversed(source.namelist()):  # [Content_Types].xml last
            target.writestr(name, source.read(name))
    assert check("brief.docx", buffer.getvalue()).key == "docx"


def test_an_empty_file_is_refused():
    error = refusal("leeg.pdf", b"")
    assert error.code == "empty"
    assert "leeg" in error.messages[0]


def test_a_file_over_the_limit_is_refused_with_the_limit_in_the_message():
    data = samples.pdf() + b"\n" * 2048
    error = refusal("groot.pdf", data, max_bytes=1024)
    assert error.code == "too_large"
    assert "te groot" in error.messages[0] and "1,0\xa0KB" in error.messages[0]


@pytest.mark.parametrize("name", ["programma.exe", "script.js", "pagina.html", "zonder-extensie"])
def test_an_extension_that_is_not_allowed_is_refused(name):
    error = refusal(name, samples.pdf())
    assert error.code == "type"
    assert "Toegestaan zijn PDF" in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data", "fragment"),
    [
        ("brief.pdf", samples.png(), "de inhoud is een PNG-afbeelding"),
        ("foto.png", samples.jpeg(), "de inhoud is een JPEG-foto"),
        ("brief.docx", samples.odf("odt"), "de inhoud is een OpenDocument-tekst"),
        ("brief.odt", samples.ooxml("docx"), "de inhoud is een Word-document"),
        ("tabel.xlsx", samples.ooxml("docx"), "de inhoud is een Word-document"),
        ("tabel.ods", samples.odf("odt"), "de inhoud is een OpenDocument-tekst"),
    ],
)
def test_content_of_another_allowed_kind_is_refused(name, data, fragment):
    error = refusal(name, data)
    assert error.code == "mismatch"
    assert fragment in error.messages[0]


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("verklaring.pdf", samples.windows_program()),  # a program renamed
        ("brief.docx", samples.windows_program()),
        ("brief.docx", samples.plain_zip()),  # a zip renamed
        ("overzicht.ods", samples.plain_zip()),
        ("foto.jpg", b"GIF89a" + b"\x00" * 20),
        ("brief.pdf", b"<html><script>alert(1)</script></html>"),
        ("brief.docx", b"PK\x03\x04 not really an archive"),
        (
            "brief.docx",  # a macro-enabled document (docm) renamed
            samples.ooxml(
                "docx", main_type="application/vnd.ms-word.document.macroEnabled.main+xml"
            ),
        ),
    ],
)
def test_content_that_is_no_allowed_kind_is_refused(name, data):
    error = refusal(name, data)
    assert error.code == "mismatch"
    assert "maar de inhoud is geen" in error.messages[0]


def test_the_odf_mimetype_entry_is_read_with_a_cap():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text" + " " * 500)
    assert filetypes.detect(io.BytesIO(buffer.getvalue())) is None


def test_detect_leaves_the_stream_at_its_start():
    stream = io.BytesIO(samples.odf("ods"))
    assert filetypes.detect(stream) is not None
    assert stream.tell() == 0


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/Brief huisarts.PDF", "Brief huisarts.pdf"),
        ("C:\\Users\\anna\\Verslag school.docx", "Verslag school.docx"),
        ('brief "Jansen" <1>.pdf', "brief _Jansen_ _1_.pdf"),
        ("\x00\x1b.pdf", "document.pdf"),
        ("<>.pdf", "document.pdf"),
        ("Ünïcode   bríef.odt", "Ünïcode bríef.odt"),
        ("zonder-extensie", "zonder-extensie"),
    ],
)
def test_the_original_name_is_sanitised(raw, clean):
    assert filetypes.clean_filename(raw) == clean


def test_a_long_name_is_shortened_with_its_extension_kept():
    name = filetypes.clean_filename("a" * 400 + ".xlsx")
    assert len(name) == 200 and name.endswith("a.xlsx")
