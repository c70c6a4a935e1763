"""Where the chain may legitimately start after old entries were removed by retention.

Retention of the access log removes a prefix of the chain and records an
:class:`~wijkteam.privacy.models.AccessLogAnchor` with the hash of the last removed entry.
The first remaining entry carries that hash as its ``prev_hash``; it is an anchor only when a
retention record says so. When the whole log was removed, the anchor has no entry id and the
next entry written (whose ``prev_hash`` is the head's last hash) anchors the chain.
"""

from django.db.models import Q

from .models import AccessLogAnchor, AccessLogEntry


def is_anchor(entry: AccessLogEntry) -> bool:
    return AccessLogAnchor.objects.filter(
        Q(entry_id=entry.pk) | Q(entry_id__isnull=True), prev_hash=entry.prev_hash
    ).exists()
