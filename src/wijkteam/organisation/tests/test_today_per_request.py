"""``organisation.policies._today``: asked once per request, every time outside one (issue 17)."""

import datetime

import pytest

from wijkteam.core import request_cache
from wijkteam.organisation import policies


def test_today_is_asked_once_per_request_and_every_time_outside(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    days = iter(
        [datetime.date(2026, 12, 7), datetime.date(2026, 12, 8), datetime.date(2026, 12, 9)]
    )
    monkeypatch.setattr(policies.timezone, "localdate", lambda: next(days))
    assert policies._today() == datetime.date(2026, 12, 7)  # no request: asked
    token = request_cache._store.set({})
    try:
        assert policies._today() == policies._today() == datetime.date(2026, 12, 8)
    finally:
        request_cache._store.reset(token)
    assert policies._today() == datetime.date(2026, 12, 9)  # the next request asks again
