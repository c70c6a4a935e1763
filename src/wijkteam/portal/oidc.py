"""The portal as an OpenID Connect relying party (mozilla-django-oidc), authorization code
flow with PKCE and a nonce.

mozilla-django-oidc does the protocol: the authorization request with state, nonce and
``code_challenge`` (S256), the token request with the ``code_verifier``, the ID token's
signature (RS256, the provider's JWKS), audience, expiry and nonce, and the userinfo request.
What it would do next, find or create a Django *user*, is replaced: a resident is no account
here. The verified claims go to :func:`wijkteam.portal.services.login.portal_login`, which
checks the BSN (elfproef) and the level of assurance and finds the resident.
"""

import logging
from dataclasses import dataclass
from typing import Any

import requests
from django.core.exceptions import SuspiciousOperation
from django.http import HttpRequest
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from . import conf

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class VerifiedClaims:
    bsn: str
    loa: str


class PortalOIDCBackend(OIDCAuthenticationBackend):
    """Not in ``AUTHENTICATION_BACKENDS``: only the portal's callback calls it."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return conf.setting(attr, *args)

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> VerifiedClaims:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        bsn_claim = conf.setting("PORTAL_BSN_CLAIM")
        loa_claim = conf.setting("PORTAL_LOA_CLAIM")
        # the ID token (signed, checked above) wins over the userinfo answer
        claims = {**userinfo, **payload}
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo sub differs from the ID token's")
        return VerifiedClaims(
            bsn=str(claims.get(bsn_claim) or ""), loa=str(claims.get(loa_claim) or "")
        )


class LoginFailed(Exception):
    """The protocol failed: the message is for the resident (Dutch, no technical detail)."""


def complete_login(request: HttpRequest) -> VerifiedClaims:
    """Check the callback's state against the session and finish the flow; raise on failure.

    The state entry is removed before the code is exchanged, so a replayed callback fails.
    """
    from django.utils.translation import gettext as _

    if request.GET.get("error"):
        _forget_state(request)
        raise LoginFailed(_("Inloggen is afgebroken. Probeer het opnieuw."))
    state = request.GET.get("state")
    code = request.GET.get("code")
    states = request.session.get("oidc_states") or {}
    if not state or not code or state not in states:
        raise LoginFailed(
            _(
                "Uw inlogpoging is verlopen of niet herkend (de controlecode klopt niet). "
                "Log opnieuw in."
            )
        )
    entry = states.pop(state)
    request.session["oidc_states"] = states
    request.session.save()
    backend = PortalOIDCBackend()
    try:
        result = backend.authenticate(
            request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
        )
    except (requests.RequestException, SuspiciousOperation, ValueError) as exc:
        logger.warning("portal OIDC log-in failed: %s", type(exc).__name__)
        raise LoginFailed(
            _("Inloggen is niet gelukt: de inlogcode is verlopen of ongeldig. Log opnieuw in.")
        ) from exc
    if not isinstance(result, VerifiedClaims):
        raise LoginFailed(_("Inloggen is niet gelukt. Log opnieuw in."))
    return result


def _forget_state(request: HttpRequest) -> None:
    states = request.session.get("oidc_states") or {}
    state = request.GET.get("state")
    if state in states:
        del states[state]
        request.session["oidc_states"] = states


class PortalAuthenticationRequestView(OIDCAuthenticationRequestView):
    """Starts the flow: state, nonce and PKCE pair in the portal session, then the redirect."""

    @staticmethod
    def get_settings(attr: str, *args: Any) -> Any:
        return conf.setting(attr, *args)
