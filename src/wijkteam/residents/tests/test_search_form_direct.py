"""The search form is written by ``core/direct_render.py`` (issue 17, ``h-tabs``): the same HTML
as the form templates (the project's default renderer), unbound, bound with awkward values and
with errors, in Dutch and English."""

import pytest
from django.forms.renderers import get_default_renderer
from django.utils import translation

from wijkteam.residents.forms import SearchForm

ODD = 'O\'Neil & <b>"Zoë"</b>'


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_search_form_is_the_same_through_the_form_templates(language):
    engine = get_default_renderer()
    with translation.override(language):
        for data in (
            None,
            {"q": ODD, "bsn": ""},
            {"q": "", "bsn": "12<&>"},
            {"q": "x" * 101, "bsn": "1" * 12},  # both too long: the errors
        ):
            direct = SearchForm(data)
            templates = SearchForm(data, renderer=engine)
            assert direct.renderer is not engine
            if data is not None:
                assert direct.is_valid() == templates.is_valid()
            assert str(direct) == str(templates), data
        assert "&lt;b&gt;" in str(SearchForm({"q": ODD}))
        assert not SearchForm({"q": "x" * 101}).is_valid()  # the error branch was compared
