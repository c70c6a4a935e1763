"""The PDF renderer: tagged PDF/UA-1, Dutch, the committed font embedded, no fetching."""

import pytest
from django.template import engines
from weasyprint.urls import FatalURLFetchingError

from wijkteam.core.pdf import STATIC_DIR, html_to_pdf, render_pdf
from wijkteam.testing.pdf import assert_accessible_pdf, pdf_text

DOCUMENT = """{% extends "core/pdf/base.html" %}{% load i18n %}
{% block title %}Proef – Łódź{% endblock %}
{% block footer %}<p class="running-footer">voettekst</p>{% endblock %}
{% block content %}
<h1>Proef</h1>
<p>Ayşe Kowalczyk-Łukasiewicz, Őrség, Ğ ı ñ ø Ʒ – <strong>vet: Şişli</strong></p>
{{ extra }}
<table><thead><tr><th>Naam</th><th>Plaats</th></tr></thead>
<tbody><tr><td>{{ name }}</td><td>Gdańsk</td></tr></tbody></table>
{% endblock %}"""


def render(**context: object) -> bytes:
    return html_to_pdf(engines["django"].from_string(DOCUMENT).render(context))


def test_a_document_is_tagged_dutch_titled_and_embeds_dejavu():
    pdf = render(name="<b>Łukasz</b> & co", extra="")
    structure = assert_accessible_pdf(
        pdf, title="Proef – Łódź", tags={"H1", "P", "Table", "THead", "TH", "TD"}
    )
    assert structure.pages == 1
    assert set(structure.fonts) == {
        name for name in structure.fonts if name.split("+")[1].startswith("Wijkteam-DejaVu-Sans")
    }
    assert any(name.endswith("-Bold") for name in structure.fonts)
    text = pdf_text(pdf)
    for expected in [
        "Proef",
        "Ayşe Kowalczyk-Łukasiewicz, Őrség, Ğ ı ñ ø Ʒ",
        "vet: Şişli",
        "<b>Łukasz</b> & co Gdańsk",
        "voettekst",
        "pagina 1 van 1",
    ]:
        assert expected in text, expected


def test_nothing_outside_the_static_files_is_fetched():
    for url in ("https://example.invalid/x.png", "file:///etc/passwd", "../../settings/base.py"):
        html = engines["django"].from_string(DOCUMENT).render({"name": "x"})
        html = html.replace("<h1>", f'<img src="{url}" alt=""><h1>')
        with pytest.raises(FatalURLFetchingError):
            html_to_pdf(html)
    assert (STATIC_DIR / "fonts" / "DejaVuSans.ttf").is_file()
    assert (STATIC_DIR / "fonts" / "LICENSE-DejaVu.txt").is_file()


def test_render_pdf_renders_in_dutch(settings, tmp_path):
    (tmp_path / "taal.html").write_text(
        '{% extends "core/pdf/base.html" %}{% load i18n %}{% block title %}t{% endblock %}'
        "{% block content %}<p>{% translate 'Opslaan' %} {{ taal }}</p>{% endblock %}"
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]
    from django.utils import translation

    with translation.override("en"):
        text = pdf_text(render_pdf("taal.html", {"taal": "nl"}))
    assert "Opslaan nl" in text
