"""Writes of the DigiD-test provider: the identity someone logs in as, and the portal client."""

import hashlib

from django.db import transaction
from oauth2_provider.models import get_application_model

from wijkteam.accounts.models import User

from .models import TestIdentity

PORTAL_CLIENT_NAME = "Mijn wijkteam (portaal)"


def identity_login(*, bsn: str, loa: str) -> TestIdentity:
    """The test identity for ``bsn`` with the chosen level of assurance (created on first use).

    Its user is inactive and has no usable password: it exists only because an OAuth grant
    names a user, and can never log in anywhere else.
    """
    with transaction.atomic():
        identity = TestIdentity.objects.select_for_update().filter(bsn=bsn).first()
        if identity is None:
            digest = hashlib.sha256(f"digid-test:{bsn}".encode()).hexdigest()[:20]
            user = User(username=f"digid-test-{digest}", is_active=False)
            user.set_unusable_password()
            user.save()
            identity = TestIdentity.objects.create(user=user, bsn=bsn, loa=loa)
        elif identity.loa != loa:
            identity.loa = loa
            identity.save(update_fields=["loa", "updated_at"])
    return identity


def portal_client_ensure(*, client_id: str, client_secret: str, redirect_uris: list[str]) -> None:
    """Register (or update) the portal as a confidential client with PKCE and RS256 ID tokens."""
    application_model = get_application_model()
    with transaction.atomic():
        app = application_model.objects.filter(client_id=client_id).first()
        if app is None:
            app = application_model(client_id=client_id)
        app.name = PORTAL_CLIENT_NAME
        app.client_type = application_model.CLIENT_CONFIDENTIAL
        app.authorization_grant_type = application_model.GRANT_AUTHORIZATION_CODE
        app.algorithm = application_model.RS256_ALGORITHM
        app.client_secret = client_secret
        app.hash_client_secret = True
        app.redirect_uris = " ".join(redirect_uris)
        app.skip_authorization = True
        app.save()
