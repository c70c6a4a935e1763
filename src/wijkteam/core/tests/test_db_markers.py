"""The collection-time check that every transactional test also restores serialized data."""

from dataclasses import dataclass, field

import pytest

from wijkteam.testing.db_markers import unserialized_transactional


@dataclass
class FakeMarker:
    kwargs: dict[str, object]


@dataclass
class FakeItem:
    nodeid: str
    markers: dict[str, FakeMarker] = field(default_factory=dict)

    def get_closest_marker(self, name: str) -> FakeMarker | None:
        return self.markers.get(name)


def item(nodeid: str, **kwargs: object) -> FakeItem:
    return FakeItem(nodeid, {"django_db": FakeMarker(kwargs)})


def test_names_only_transactional_tests_without_serialized_rollback() -> None:
    items = [
        FakeItem("no_db"),
        item("plain_db"),
        item("rolled_back", transaction=True, serialized_rollback=True),
        item("flushed", transaction=True),
        item("flushed_explicitly", transaction=True, serialized_rollback=False),
        item("serialized_only", serialized_rollback=True),
    ]
    assert unserialized_transactional(items) == ["flushed", "flushed_explicitly"]


def test_the_collected_suite_has_none(request: pytest.FixtureRequest) -> None:
    """The hook in ``wijkteam/conftest.py`` refuses such a test; this one would see it too."""
    assert unserialized_transactional(request.session.items) == []
