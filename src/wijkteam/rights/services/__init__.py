"""Every write of the privacy app: consent, emergency access, inzage and correction, retention.

Each service checks everything before it writes (clear Dutch messages, never a partial write),
writes in one transaction with an audit event, and logs the access to resident data (NEN 7513).
An attempt that concerns access (an inzage request or a doorbraak the user may not make) is
logged as REFUSED even though nothing else is stored.

The package: ``consent`` (consent and sharing on a legal ground), ``emergency`` (doorbraak),
``requests`` (inzage and correction) and ``retention`` (retention rules); every service stays
importable from here.
"""

from wijkteam.rights.services.consent import (
    consent_record,
    consent_refuse,
    consent_withdraw,
    legal_ground_record,
)
from wijkteam.rights.services.emergency import emergency_access_open, emergency_review
from wijkteam.rights.services.requests import (
    correction_decide,
    correction_register,
    inzage_complete,
    inzage_extend,
    inzage_register,
)
from wijkteam.rights.services.retention import retention_rule_update

__all__ = [
    "consent_record",
    "consent_refuse",
    "consent_withdraw",
    "correction_decide",
    "correction_register",
    "emergency_access_open",
    "emergency_review",
    "inzage_complete",
    "inzage_extend",
    "inzage_register",
    "legal_ground_record",
    "retention_rule_update",
]
