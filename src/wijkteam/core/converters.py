"""The ``id`` path converter: a database id that fits a 64-bit integer column, else no match.

Django's ``int`` converter accepts any number of digits; an id of 2⁶³ or more then reaches the
database, which SQLite refuses with an OverflowError (a 500) and PostgreSQL compares as a
numeric. With ``<id:pk>`` such a URL simply does not match: 404 on every engine. Eighteen
digits stay below 2⁶³ − 1 (nineteen digits).
"""

ID_REGEX = "[0-9]{1,18}"


class IdConverter:
    regex = ID_REGEX

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(int(value))
