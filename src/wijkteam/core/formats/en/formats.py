"""English formats: Django's, with the ISO date first among the input formats (Django's English
list starts with it already; written here so that both languages say so in one place)."""

from wijkteam.core.formats import EN_DATE_INPUT_FORMATS

DATE_INPUT_FORMATS = EN_DATE_INPUT_FORMATS
