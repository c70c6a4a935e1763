"""The local DigiD-test identity provider and the portal's client of it: demo and tests only.

Imported by ``dev`` (what ``make demo`` uses) and ``test``, never by ``production``: there the
portal talks to the municipality's DigiD broker, configured through the environment
(``docs/portal.md``).
"""

import os
from pathlib import Path
from typing import Any

from wijkteam.idp.keys import private_key_pem


def idp_settings(installed_apps: list[str], var_dir: Path | None) -> dict[str, Any]:
    base = os.environ.get("WIJKTEAM_IDP_BASE", "http://127.0.0.1:8000")
    key_file = var_dir / "idp-test-signing-key.pem" if var_dir is not None else None
    return {
        "INSTALLED_APPS": [*installed_apps, "oauth2_provider", "wijkteam.idp"],
        "SESSION_NAMESPACES": {"/mijn/": "wijkteam_portaal", "/idp-test/": "wijkteam_idp_test"},
        "OAUTH2_PROVIDER": {
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": private_key_pem(key_file),
            "PKCE_REQUIRED": True,
            "SCOPES": {"openid": "OpenID Connect"},
            "DEFAULT_SCOPES": ["openid"],
            "OAUTH2_VALIDATOR_CLASS": "wijkteam.idp.validators.DigidTestValidator",
            "AUTHORIZATION_CODE_EXPIRE_SECONDS": 60,
            "ACCESS_TOKEN_EXPIRE_SECONDS": 300,
        },
        "OIDC_RP_CLIENT_ID": "wijkteam-portaal-demo",
        "OIDC_RP_CLIENT_SECRET": "demo-only-portaal-secret-not-for-production",
        "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{base}/idp-test/o/authorize/",
        "OIDC_OP_TOKEN_ENDPOINT": f"{base}/idp-test/o/token/",
        "OIDC_OP_USER_ENDPOINT": f"{base}/idp-test/o/userinfo/",
        "OIDC_OP_JWKS_ENDPOINT": f"{base}/idp-test/o/.well-known/jwks.json",
    }
