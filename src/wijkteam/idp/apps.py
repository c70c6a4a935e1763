from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdpConfig(AppConfig):
    """A local OpenID Connect identity provider ("DigiD-test") for the demo and the tests only.

    Installed by ``wijkteam.settings.dev`` and ``wijkteam.settings.test`` (through
    ``settings/portal_idp.py``), never by the production settings.
    """

    name = "wijkteam.idp"
    label = "idp"
    verbose_name = _("DigiD-test (lokale identiteitsprovider)")
