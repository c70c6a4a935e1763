"""The portal's log-in configuration: Django settings first, then the environment.

A municipality sets the OpenID Connect client of its DigiD broker through the environment
(``OIDC_RP_CLIENT_ID``, ``OIDC_OP_TOKEN_ENDPOINT``, …; see ``docs/portal.md``); the demo and
test settings point them at the local DigiD-test provider.
"""

import os
from typing import Any

from django.conf import settings

DEFAULTS: dict[str, Any] = {
    "OIDC_RP_SIGN_ALGO": "RS256",
    "OIDC_RP_SCOPES": "openid",
    "OIDC_USE_PKCE": True,
    "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
    "OIDC_AUTHENTICATION_CALLBACK_URL": "portal:oidc_callback",
    "OIDC_USE_NONCE": True,
    "OIDC_TIMEOUT": 10,
    "OIDC_STORE_ACCESS_TOKEN": False,
    "OIDC_STORE_ID_TOKEN": False,
    # claims: which claim holds the BSN and which the level of assurance
    "PORTAL_BSN_CLAIM": "bsn",
    "PORTAL_LOA_CLAIM": "loa",
}

# Values of the assurance claim that count as eIDAS "substantieel" or higher: the names the
# DigiD-test provider uses, the eIDAS URIs and the eHerkenning/DigiD broker classes.
SUBSTANTIAL_LOA = frozenset(
    {
        "substantieel",
        "hoog",
        "http://eidas.europa.eu/LoA/substantial",
        "http://eidas.europa.eu/LoA/high",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
        "urn:etoegang:core:assurance-class:loa3",
        "urn:etoegang:core:assurance-class:loa4",
    }
)
BASIC_LOA = frozenset(
    {
        "basis",
        "midden",
        "http://eidas.europa.eu/LoA/low",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport",
        "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
        "urn:etoegang:core:assurance-class:loa2",
        "urn:etoegang:core:assurance-class:loa2plus",
    }
)

REQUIRED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


def setting(name: str, *default: Any) -> Any:
    if hasattr(settings, name):
        return getattr(settings, name)
    if name in os.environ:
        value: Any = os.environ[name]
        if isinstance(DEFAULTS.get(name), bool):
            value = value.lower() in {"1", "true", "yes"}
        return value
    if name in DEFAULTS:
        return DEFAULTS[name]
    if default:
        return default[0]
    return None


def is_configured() -> bool:
    return all(setting(name) for name in REQUIRED)


def messages_per_hour() -> int:
    """The flood limit on a resident's messages (``PORTAL_MESSAGES_PER_HOUR``, default 20)."""
    from .constants import MESSAGES_PER_HOUR

    try:
        return max(1, int(setting("PORTAL_MESSAGES_PER_HOUR", MESSAGES_PER_HOUR)))
    except (TypeError, ValueError):
        return MESSAGES_PER_HOUR
