"""Production settings: secrets and hosts come from the environment, HTTPS only."""

import os

from django.core.exceptions import ImproperlyConfigured

from .access_log import DEV_KEYS
from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured("Zet DJANGO_SECRET_KEY voor productie.")
if not ACCESS_LOG_KEYS or set(ACCESS_LOG_KEYS.values()) & set(DEV_KEYS.values()):  # noqa: F405
    raise ImproperlyConfigured(
        "Zet WIJKTEAM_ACCESS_LOG_KEYS of WIJKTEAM_ACCESS_LOG_KEY_FILE (de sleutel van de "
        "toegangslog, buiten de database) voor productie; de ontwikkelsleutel mag niet."
    )

SECURE_SSL_REDIRECT = os.environ.get("DJANGO_SECURE_SSL_REDIRECT", "1") == "1"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "documents": DOCUMENTS_STORAGE,  # noqa: F405
}
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
