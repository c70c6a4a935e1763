"""Base settings, driven by the environment.

Environment variables:
- ``DATABASE_URL``: any dj-database-url URL; default a SQLite file under ``var/``.
- ``DJANGO_SECRET_KEY``: required in production.
- ``DJANGO_ALLOWED_HOSTS``: comma-separated host names.
- ``WIJKTEAM_DOCUMENTS_STORAGE``: the storage of the case documents as JSON
  (``{"BACKEND": ..., "OPTIONS": {...}}``, as an entry of ``STORAGES``); default a private
  folder ``var/documents/``. ``WIJKTEAM_DOCUMENTS_MAX_BYTES``: the largest document (10 MB).
- ``WIJKTEAM_VIRUS_SCAN`` (``none`` or ``clamd``), ``WIJKTEAM_CLAMD_ADDRESS`` (``host:port`` or
  a unix socket path), ``WIJKTEAM_CLAMD_TIMEOUT`` (seconds): the virus scan of every upload.
- ``WIJKTEAM_ACCESS_LOG_KEYS`` / ``WIJKTEAM_ACCESS_LOG_KEY_FILE`` and
  ``WIJKTEAM_ACCESS_LOG_CHECKPOINT_DIR``: the access log's keys and checkpoints;
  ``WIJKTEAM_ACCESS_LOG_ASYNC_READS=1``: a reading page's entry commits without waiting for
  the WAL flush (PostgreSQL; off by default, see docs/privacy.md)
  (see :mod:`wijkteam.settings.access_log`).
"""

import json
import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

from .access_log import checkpoint_dir, keys_from_environment

SRC_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = SRC_DIR.parent.parent
VAR_DIR = Path(os.environ.get("WIJKTEAM_VAR_DIR", BASE_DIR / "var"))

# The access log's HMAC keys (first signs, the rest verify) and its checkpoint folder.
ACCESS_LOG_KEYS = keys_from_environment(os.environ)
ACCESS_LOG_CHECKPOINT_DIR = checkpoint_dir(VAR_DIR)
ACCESS_LOG_ASYNC_READS = os.environ.get("WIJKTEAM_ACCESS_LOG_ASYNC_READS", "0") == "1"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "dev-only-insecure-key-do-not-use-in-production")
DEBUG = False
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks",
    "django_tasks_db",
    # Floors from the ground up (docs/architecture.md); an app imports only from lower ones.
    "wijkteam.core",
    "wijkteam.audit",
    "wijkteam.accounts",
    "wijkteam.organisation",
    "wijkteam.notifications",
    "wijkteam.privacy",
    "wijkteam.jobs",
    "wijkteam.providers",
    "wijkteam.socialmap",
    "wijkteam.residents",
    "wijkteam.cases",
    "wijkteam.rights",
    "wijkteam.documents",
    "wijkteam.iwmo",
    "wijkteam.portal",
    "wijkteam.complaints",
    "wijkteam.accountability",
    "wijkteam.outreach",
    "wijkteam.area",
    "wijkteam.home",
    "wijkteam.synthetic",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "wijkteam.core.large_forms.LargeFormMiddleware",  # the plan form's own field limit
    "wijkteam.core.middleware.RequestIdMiddleware",
    "wijkteam.core.request_cache.RequestCacheMiddleware",
    "wijkteam.portal.middleware.NamespacedSessionMiddleware",  # the portal's own cookie
    "wijkteam.accounts.middleware.SlidingSessionMiddleware",
    "wijkteam.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "wijkteam.accounts.auth_cache.CachedOTPMiddleware",  # django-otp's, device from the cache
    "wijkteam.accounts.middleware.RequireVerifiedMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "wijkteam.core.idempotency.IdempotencyMiddleware",  # double submits: one record
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wijkteam.core.middleware.CSPMiddleware",  # django-csp's, the usual policy built once
    "wijkteam.core.middleware.SecurityHeadersMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "wijkteam.urls"
WSGI_APPLICATION = "wijkteam.wsgi.application"
FORM_RENDERER = "wijkteam.core.renderers.WijkteamFormRenderer"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                # csrf_token as Django's built-in processor gives it, masked more cheaply
                "wijkteam.core.csrf.csrf",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wijkteam.core.navigation.navigation",
                "wijkteam.notifications.context.unread",
            ],
            # {% url %} through the URL cache (core/url_cache.py, issue 17)
            "builtins": ["wijkteam.core.templatetags.fast_url"],
        },
    },
]


def _database_config() -> dict[str, Any]:
    url = os.environ.get("DATABASE_URL", "")
    if not url:
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{VAR_DIR / 'wijkteam.sqlite3'}"
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA foreign_keys=ON;"
                "PRAGMA busy_timeout=20000;"
            ),
        }
    elif config["ENGINE"] == "django.db.backends.postgresql":
        # PostgreSQL's JIT compiler spent 460 ms compiling a 60 ms query (docs/performance.md):
        # short OLTP queries are better off without it.
        config.setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")
    return config


DATABASES = {"default": _database_config()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "wijkteam.accounts.auth_cache.CachedModelBackend",  # ModelBackend, user from the cache
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Fair lock-out (django-axes, accounts/lockout.py): 5 failures lock a user name from one
# client, 30 failures over any user names lock the client, for 30 minutes; a user name alone
# is never locked but waits longer between tries. The limit is a function of the request.
AXES_FAILURE_LIMIT = "wijkteam.accounts.lockout.failure_limit"
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_RESET_ON_SUCCESS = True  # only the user name and client's own failures (FairAxesHandler)
AXES_HANDLER = "wijkteam.accounts.lockout.FairAxesHandler"
# Behind reverse proxies the client's address is in X-Forwarded-For: name how many proxies
# stand in front (WIJKTEAM_PROXY_COUNT, e.g. 1 for one load balancer), else every request
# seems to come from the proxy and the per-client limit hits everyone at once.
# Without proxies the header is ignored: a client could write any address into it.
WIJKTEAM_PROXY_COUNT = int(os.environ.get("WIJKTEAM_PROXY_COUNT", "0"))
AXES_CLIENT_IP_CALLABLE = "wijkteam.accounts.lockout.client_address"
AXES_LOCKOUT_CALLABLE = "wijkteam.accounts.views.lockout_response"
AXES_VERBOSE = False
AXES_SENSITIVE_PARAMETERS = ["password", "otp_token"]

OTP_TOTP_ISSUER = "Wijkteam"

# Sessions: idle expiry after 30 minutes, hard cookie expiry when the browser closes. The
# expiry slides with activity; the session row is rewritten at most once a minute
# (accounts.middleware.SlidingSessionMiddleware), not on every request.
SESSION_COOKIE_AGE = 30 * 60
SESSION_RENEW_SECONDS = 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("Engels"))]
LOCALE_PATHS = [SRC_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
# The ISO date (what <input type="date"> posts) first among the date input formats, Dutch and
# English (wijkteam/core/formats; issue 17).
FORMAT_MODULE_PATH = ["wijkteam.core.formats"]

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [SRC_DIR / "static"]
# Case documents (wijkteam.documents): private, outside the static and media URL space, never
# served directly (no base_url); the only way to a file is the access-checked download view.
# Any Django storage fits, e.g. an S3-compatible bucket through django-storages
# (docs/architecture.md, "Documents").
DOCUMENTS_STORAGE: dict[str, Any] = (
    json.loads(os.environ["WIJKTEAM_DOCUMENTS_STORAGE"])
    if os.environ.get("WIJKTEAM_DOCUMENTS_STORAGE")
    else {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {
            "location": VAR_DIR / "documents",
            "base_url": None,
            "file_permissions_mode": 0o600,
            "directory_permissions_mode": 0o700,
        },
    }
)
DOCUMENTS_MAX_BYTES = int(os.environ.get("WIJKTEAM_DOCUMENTS_MAX_BYTES", 10 * 1024 * 1024))
# Every upload is scanned before it is stored: "none" (demo, tests) or "clamd" at
# CLAMD_ADDRESS (host:port or a unix socket path); fail closed (wijkteam.core.virus_scan).
VIRUS_SCAN = os.environ.get("WIJKTEAM_VIRUS_SCAN", "none").strip().lower()
CLAMD_ADDRESS = os.environ.get("WIJKTEAM_CLAMD_ADDRESS", "").strip()
CLAMD_TIMEOUT = float(os.environ.get("WIJKTEAM_CLAMD_TIMEOUT", "30"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": DOCUMENTS_STORAGE,
}

# Security headers.
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["wijkteam.core.api_permissions.IsVerifiedProfessional"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "EXCEPTION_HANDLER": "wijkteam.core.api.exception_handler",
}
# The iwmo app's code lists that the API offers as enums (one name per list).
ENUM_iwmo_OVERRIDES = {
    name: f"wijkteam.iwmo.constants.{name}" for name in ("RefusalReason", "RequestReason")
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Wijkteam API",
    "DESCRIPTION": "REST API van het informatiesysteem voor sociale wijkteams.",
    "VERSION": "0.1.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    # One OpenAPI enum per code list, named after the list.
    "ENUM_NAME_OVERRIDES": {
        name: f"wijkteam.cases.constants.{name}"
        for name in (
            "Channel",
            "ReferrerKind",
            "LawTrack",
            "TriageOutcome",
            "ReportStatus",
            "CaseState",
            "ClosureOutcome",
            "OwnerKind",
            "ActionStatus",
            "GoalStatus",
            "DecisionOutcome",
            "DecisionStatus",
            "LegalBasis",
            "Unit",
            "Frequency",
            "InterventionKind",
            "InterventionStatus",
            "ScaleChange",
            "EvaluationOutcome",
            "AssessmentMoment",
            "JournalKind",
        )
    }
    | {
        name: f"wijkteam.organisation.constants.{name}"
        for name in (
            "ProductCategory",
            "Law",
            "DecisionType",
            "TeamRole",
            "TeamModel",
            "Positioning",
            "TargetGroup",
            "Domain",
            "Function",
            "Discipline",
            "OrganisationKind",
        )
    }
    | {"HouseholdRelation": "wijkteam.residents.constants.HouseholdRelation"}
    | {"DataCategory": "wijkteam.privacy.constants.DataCategory"}
    | {"MapServiceStatus": "wijkteam.socialmap.constants.ServiceStatus"}
    | {"InitiativeStatus": "wijkteam.socialmap.constants.InitiativeStatus"}
    | ENUM_iwmo_OVERRIDES,
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "wijkteam.core.openapi.add_error_responses",  # 400/401/403/404/409/503, Idempotency-Key
    ],
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    # Never log request bodies or personal data: the request logger only carries status lines.
    # WeasyPrint's warnings can quote a character of the document (a glyph missing from the
    # fonts); its progress messages are noise. Only its errors (a static file it cannot read).
    "loggers": {
        "django.request": {"level": "WARNING"},
        "axes": {"level": "ERROR"},  # its warnings name the user and address (audit rows do)
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# An IP address alone locks only after many failures (accounts/lockout.py): municipal offices
# share one outgoing address, and one person's typing errors must not shut out a whole team.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]


# --- Background tasks (django-tasks; docs/architecture.md "Tasks and jobs") -------------------
# WIJKTEAM_TASKS picks the engine without code changes: "database" (default; the ORM backend,
# worker `manage.py db_worker`, no extra service), "rq" (Redis through django-tasks-rq,
# worker `manage.py rqworker --job-class django_tasks_rq.Job default`; REDIS_URL), or
# "immediate" (runs in the request; for tests that are not about the queue).
TASKS_ENGINE = os.environ.get("WIJKTEAM_TASKS", "database")
REDIS_URL = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
if TASKS_ENGINE == "rq":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": REDIS_URL, "DEFAULT_TIMEOUT": 3600}}
    TASKS: dict[str, Any] = {
        "default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}
    }
elif TASKS_ENGINE == "immediate":
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# --- Cache, and sessions / user / second factor from it (docs/operations.md "Scaling out") ----
# WIJKTEAM_CACHE: "local" (default; a cache per process, enough for one process and the demo)
# or "redis" (REDIS_CACHE_URL; shared by every app process). Only a shared cache may hold the
# session, the logged-in user and their device: a log-out or a deactivation must reach every
# process. Without it sessions are read from the database, as before.
CACHE_ENGINE = os.environ.get("WIJKTEAM_CACHE", "local")
if CACHE_ENGINE == "redis":
    CACHES: dict[str, Any] = {
        "default": {
            "BACKEND": "wijkteam.core.cache.ResilientRedisCache",
            "LOCATION": os.environ.get("REDIS_CACHE_URL", "redis://127.0.0.1:6379/1"),
            "KEY_PREFIX": os.environ.get("WIJKTEAM_CACHE_PREFIX", "wijkteam"),
            "TIMEOUT": 300,
            # a Redis that does not answer costs at most half a second before the fallback
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
AUTH_FROM_CACHE = CACHE_ENGINE == "redis"
AUTH_CACHE_SECONDS = 300
SESSION_ENGINE = (
    "wijkteam.accounts.session_store" if AUTH_FROM_CACHE else "django.contrib.sessions.backends.db"
)

# --- E-mail: console in the demo, locmem in tests, SMTP from the environment in production ---
WIJKTEAM_SITE_URL = os.environ.get("WIJKTEAM_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get(
    "DJANGO_DEFAULT_FROM_EMAIL", "Wijkteam <noreply@wijkteam.example.nl>"
)
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("DJANGO_EMAIL_USE_TLS", "") == "1"
