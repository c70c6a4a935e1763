"""PDF documents from Django templates, with WeasyPrint: tagged (PDF/UA-1), with embedded fonts.

A document is a template extending ``core/pdf/base.html`` (``<html lang="nl">``, a ``<title>``,
the print stylesheet ``static/wijkteam/pdf.css``) with real headings and tables, so that the
structure tags of the PDF mean something to a screen reader. ``pdf_variant="pdf/ua-1"`` makes
WeasyPrint write the structure tree, ``/MarkInfo``, the document language and title, and embed
every font; the font is the committed DejaVu Sans (``static/fonts/``), so every Latin letter
prints on any machine.

Relative URLs in the templates resolve to ``src/wijkteam/static/`` on the disk, and nothing
else can be fetched: no network, no other file (a document shows text typed in by people).
"""

from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

STATIC_DIR = Path(__file__).resolve().parent.parent / "static"
PDF_VARIANT = "pdf/ua-1"
CONTENT_TYPE = "application/pdf"


class StaticFilesOnly(URLFetcher):
    """Fetches ``file:`` URLs inside the static directory and refuses everything else."""

    def fetch(self, url: str, headers: Mapping[str, str] | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        path = Path(url2pathname(parts.path)).resolve() if parts.scheme == "file" else None
        if path is None or not path.is_relative_to(STATIC_DIR) or not path.is_file():
            raise FatalURLFetchingError(f"PDF documents only read the static files: {url}")
        return super().fetch(path.as_uri(), headers)


def html_to_pdf(html: str) -> bytes:
    """The PDF/UA-1 bytes of an HTML document whose relative URLs point into ``static/``."""
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=StaticFilesOnly())
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf


def render_pdf(template_name: str, context: Mapping[str, Any], *, language: str = "nl") -> bytes:
    """Render ``template_name`` (in ``language``: the documents are Dutch) and make it a PDF."""
    with translation.override(language):
        html = render_to_string(template_name, dict(context))
    return html_to_pdf(html)
