"""Code lists kept in one text column as ``|a|b|``: one code is found with ``contains``."""

from collections.abc import Iterable

SEPARATOR = "|"


def join_codes(codes: Iterable[str]) -> str:
    unique = sorted({c for c in codes if c})
    return f"{SEPARATOR}{SEPARATOR.join(unique)}{SEPARATOR}" if unique else ""


def split_codes(value: str) -> list[str]:
    return [c for c in value.split(SEPARATOR) if c]


def code_needle(code: str) -> str:
    """The text to ``contains``-filter on for one code."""
    return f"{SEPARATOR}{code}{SEPARATOR}"
