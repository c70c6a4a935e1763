"""A collection-time check on ``django_db`` markers.

A transactional test (``transaction=True``) ends with a flush of every table. Without
``serialized_rollback=True`` the flush is followed by the post-migrate signal, which creates the
content types and permissions again with new ids; the next live-server or transactional test
then fails at set-up with ``UNIQUE constraint failed: django_content_type``, far from the test
that caused it (this failed CI once). The check names the test that caused it instead.
"""

from collections.abc import Iterable, Mapping
from typing import Protocol


class _Marker(Protocol):
    @property
    def kwargs(self) -> Mapping[str, object]: ...


class _Item(Protocol):
    @property
    def nodeid(self) -> str: ...

    def get_closest_marker(self, name: str) -> _Marker | None: ...


def unserialized_transactional(items: Iterable[_Item]) -> list[str]:
    """The node ids of the tests marked ``transaction=True`` without ``serialized_rollback``."""
    found = []
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None:
            continue
        if marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            found.append(item.nodeid)
    return found
