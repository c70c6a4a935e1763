"""Privacy screens: consent, doorbraak, the resident's access overview, inzage and correction,
the register of processing and retention. Thin: parse, call a selector or service, render.

The package, by area: ``consent``, ``emergency`` (doorbraak), ``access`` (the resident's access
overview), ``requests`` (inzage and correction) and ``register`` (register of processing and
retention); ``common`` holds the shared helpers. Every view stays importable from here.
"""

from wijkteam.rights.views.access import access_overview, access_overview_export
from wijkteam.rights.views.common import term_status
from wijkteam.rights.views.consent import (
    consent_create,
    consent_list,
    consent_withdraw,
    legal_ground_create,
)
from wijkteam.rights.views.emergency import (
    emergency_open,
    emergency_queue,
    emergency_review,
)
from wijkteam.rights.views.register import (
    processing_register,
    processing_register_download,
    retention_overview,
    retention_rule_edit,
)
from wijkteam.rights.views.requests import (
    correction_create,
    correction_decide,
    inzage_complete,
    inzage_create,
    inzage_detail,
    inzage_download,
    inzage_extend,
    open_requests,
    requests_for_resident,
)

__all__ = [
    "access_overview",
    "access_overview_export",
    "consent_create",
    "consent_list",
    "consent_withdraw",
    "correction_create",
    "correction_decide",
    "emergency_open",
    "emergency_queue",
    "emergency_review",
    "inzage_complete",
    "inzage_create",
    "inzage_detail",
    "inzage_download",
    "inzage_extend",
    "legal_ground_create",
    "open_requests",
    "processing_register",
    "processing_register_download",
    "requests_for_resident",
    "retention_overview",
    "retention_rule_edit",
    "term_status",
]
