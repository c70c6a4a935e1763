"""Helpers of the access-log append tests."""

from django.test.utils import CaptureQueriesContext

from wijkteam.accounts.models import User
from wijkteam.privacy.access_log import log_access
from wijkteam.privacy.constants import AccessAction
from wijkteam.privacy.models import AccessLogEntry


def read_entry(user: User, n: int = 0) -> AccessLogEntry:
    """A reading page's entry for residents ``n`` and ``n + 1``, its purpose ``n``."""
    return log_access(user=user, action=AccessAction.READ, residents=[n, n + 1], purpose=f"{n}")


def head_statements(ctx: CaptureQueriesContext) -> list[str]:
    """The statements of the append (not the memberships a test without a request reads)."""
    return [q["sql"] for q in ctx.captured_queries if "privacy_accessloghead" in q["sql"]]
