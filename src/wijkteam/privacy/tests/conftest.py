"""Shared set-up of the access-log tests."""

import pytest

from wijkteam.privacy import access_log_postgres


@pytest.fixture(autouse=True)
def _quiet_process():
    """Each test starts as a process whose last append was not contended, so the PostgreSQL
    append tries the compare-and-set first (``access_log_postgres.LOCKED_RUN``)."""
    access_log_postgres._locked_left = 0
    yield
    access_log_postgres._locked_left = 0
