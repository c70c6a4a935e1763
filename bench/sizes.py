"""The data sizes the benchmark can build: the generator's, plus ``town`` (bench only).

``town`` sits between ``small`` and ``city``: 8 teams, 200 members, 25,000 residents,
100,000 cases, 2,000,000 access-log entries (a fifth of ``city``, built in a few minutes).
"""

from typing import Any

NAMES = ["tiny", "small", "town", "city"]


def get(name: str) -> Any:
    """The generator's ``Size`` (imports Django code: call after ``djangoenv.setup``)."""
    from wijkteam.synthetic.generator import SIZES, Size

    town = Size("town", 8, 200, 25_000, 100_000, 10, 2_000_000, 32, 20)
    return {**SIZES, "town": town}[name]
