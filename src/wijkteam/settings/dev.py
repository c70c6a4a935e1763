"""Local development and the demo: DEBUG off by default so pages behave as in production."""

import os

from .access_log import DEV_KEYS
from .base import *  # noqa: F403

DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# the local DigiD-test identity provider for the portal (never in production)
from .base import INSTALLED_APPS, VAR_DIR  # noqa: E402
from .portal_idp import idp_settings  # noqa: E402

globals().update(idp_settings(INSTALLED_APPS, VAR_DIR))

# The access log's chain is keyed with the public dev key unless a key is configured.
ACCESS_LOG_KEYS = ACCESS_LOG_KEYS or dict(DEV_KEYS)  # noqa: F405
