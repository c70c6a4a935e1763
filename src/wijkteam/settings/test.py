"""Test settings: fast password hashing, in-memory-safe defaults."""

from typing import Any

from .access_log import DEV_KEYS
from .base import *  # noqa: F403
from .base import TASKS, TASKS_ENGINE

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
}
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Tasks that are not about the queue run at once; the queue tests switch "default" to
# QUEUE_TASKS: the database backend, or Redis when the suite runs with WIJKTEAM_TASKS=rq.
QUEUE_TASKS: dict[str, Any] = TASKS["default"]
if TASKS_ENGINE == "immediate":
    QUEUE_TASKS = {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# the local DigiD-test identity provider for the portal (never in production)
from .base import INSTALLED_APPS  # noqa: E402
from .portal_idp import idp_settings  # noqa: E402

globals().update(idp_settings(INSTALLED_APPS, None))

# The access log's chain is keyed with the public dev key unless a key is configured.
ACCESS_LOG_KEYS = ACCESS_LOG_KEYS or dict(DEV_KEYS)  # noqa: F405

# Checkpoints of the access log go to a folder of this test run, emptied after each test.
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

ACCESS_LOG_CHECKPOINT_DIR = Path(tempfile.mkdtemp(prefix="wijkteam-test-checkpoints-"))

# Uploads are not scanned unless a test starts the fake clamd (wijkteam.testing.fake_clamd).
VIRUS_SCAN = "none"
