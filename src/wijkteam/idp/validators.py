"""The claims the DigiD-test provider puts in the ID token and the userinfo answer."""

from typing import Any

from oauth2_provider.oauth2_validators import OAuth2Validator


class DigidTestValidator(OAuth2Validator):
    """Adds the BSN and the level of assurance, as a DigiD broker does (claim names set in
    ``OAUTH2_PROVIDER["DIGID_TEST_CLAIMS"]`` are the portal's defaults: ``bsn`` and ``loa``)."""

    oidc_claim_scope = None  # every claim with the openid scope, as a DigiD broker does

    def get_additional_claims(self, request: Any) -> dict[str, Any]:
        identity = getattr(request.user, "digid_test", None)
        if identity is None:
            return {}
        return {"bsn": identity.bsn, "loa": identity.loa}
