"""Dutch formats: Django's, with the ISO date first among the input formats (see
``wijkteam.core.formats``)."""

from wijkteam.core.formats import NL_DATE_INPUT_FORMATS

DATE_INPUT_FORMATS = NL_DATE_INPUT_FORMATS
