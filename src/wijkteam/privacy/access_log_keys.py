"""The keys of the access log's HMAC chain (``settings.ACCESS_LOG_KEYS``; never in the database).

The first configured key signs new entries, anchors and checkpoints; every key stays usable
for verification, so that entries signed before a rotation keep verifying. Each entry,
anchor and checkpoint records the id of the key that signed it.
"""

import functools
import hashlib
import hmac

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

#: The id of entries written before the chain was keyed (plain SHA-256, see docs/privacy.md).
LEGACY = ""


@functools.cache
def _keys(items: tuple[tuple[str, str], ...]) -> dict[str, bytes]:
    return {key_id: bytes.fromhex(hexkey) for key_id, hexkey in items}


def keys() -> dict[str, bytes]:
    configured = getattr(settings, "ACCESS_LOG_KEYS", {}) or {}
    if not configured:
        raise ImproperlyConfigured(
            "De toegangslog heeft geen sleutel: zet WIJKTEAM_ACCESS_LOG_KEYS of "
            "WIJKTEAM_ACCESS_LOG_KEY_FILE."
        )
    return _keys(tuple(configured.items()))


def signing_key_id() -> str:
    return next(iter(keys()))


def known(key_id: str) -> bool:
    return key_id in keys()


def sign(key_id: str, message: str) -> str:
    """HMAC-SHA256 of ``message`` (UTF-8) with key ``key_id``, as 64 hex digits."""
    return hmac.new(keys()[key_id], message.encode(), hashlib.sha256).hexdigest()


def matches(key_id: str, message: str, mac: str) -> bool:
    """Whether ``mac`` is the signature of ``message`` under a known key ``key_id``."""
    if key_id not in keys():
        return False
    return hmac.compare_digest(sign(key_id, message), mac)
