"""The project's format modules (``FORMAT_MODULE_PATH``), over Django's own per language.

Only what differs from Django is written here; every other format falls through to
``django.conf.locale.<lang>.formats``. The one change (issue 17, ``h-plan5``): the ISO date
``YYYY-MM-DD`` is the first date *input* format, because every date field of the application
is an ``<input type="date">``, which posts ISO whatever the browser's language. Django's Dutch
list tries five Dutch formats first (each a failing ``strptime`` raising ``ValueError``) and
ISO only last. Every format a user can type stays accepted, and no text means another date
than before: ISO's ``%Y`` takes exactly four digits before the first ``-``, which none of the
Dutch formats can start with (a day has at most two), so the sets of strings the formats
accept do not overlap and the order only changes how fast a date is found.

The first input format is also what a date widget *without* a format of its own writes a date
with (``formats.localize_input``); every date widget of the application has its own format
(``%Y-%m-%d``), except the portal's ``RepresentationForm`` (never shown with a date in it).
``core/tests/test_formats.py`` holds this.
"""

from django.conf.locale.en import formats as django_en
from django.conf.locale.nl import formats as django_nl

ISO_DATE = "%Y-%m-%d"


def iso_first(formats: list[str]) -> list[str]:
    """``formats`` with the ISO date first (and not again further on)."""
    return [ISO_DATE, *(f for f in formats if f != ISO_DATE)]


NL_DATE_INPUT_FORMATS = iso_first(django_nl.DATE_INPUT_FORMATS)
EN_DATE_INPUT_FORMATS = iso_first(django_en.DATE_INPUT_FORMATS)
