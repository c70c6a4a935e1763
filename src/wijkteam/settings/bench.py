"""Settings for the benchmark: production settings over plain HTTP on loopback, plus a
middleware that reports the queries of each request.

Used only by ``bench/`` (``DJANGO_SETTINGS_MODULE=wijkteam.settings.bench``); the
production settings are not changed. Differences from production, each needed to serve on
127.0.0.1 without TLS: no HTTPS redirect, no ``Secure``/``__Host-`` cookies, the loopback host
allowed, and static files from the finders when ``collectstatic`` has not been run.
"""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-" + "x" * 40)
os.environ.setdefault("DJANGO_SECURE_SSL_REDIRECT", "0")
os.environ.setdefault("WIJKTEAM_ACCESS_LOG_KEYS", "bench:" + "be" * 32)

from wijkteam.settings.production import *  # noqa: F403
from wijkteam.settings.production import MIDDLEWARE, VAR_DIR

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SESSION_COOKIE_NAME = "sessionid"
CSRF_COOKIE_NAME = "csrftoken"

# Outermost, so that the session save and every middleware's queries are counted too.
MIDDLEWARE = ["wijkteam.synthetic.middleware.QueryCountMiddleware", *MIDDLEWARE]

# The benchmark collects static files into its own folder with the production storage
# (WIJKTEAM_BENCH_STATIC=manifest); without it (the CI check) the finders serve them.
STATIC_ROOT = VAR_DIR / "bench" / "static"
if os.environ.get("WIJKTEAM_BENCH_STATIC") != "manifest":
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "documents": DOCUMENTS_STORAGE,  # noqa: F405
    }
    WHITENOISE_USE_FINDERS = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}

# The application's URLs plus the empty reference page (``/_bench/leeg/``), for the bench only.
ROOT_URLCONF = "wijkteam.settings.bench_urls"
