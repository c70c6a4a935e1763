"""Configuration of the exchange, from Django settings or else the environment.

| setting / environment      | default                          | what |
|----------------------------|----------------------------------|------|
| ``IWMO_TRANSPORT``         | ``wijkteam.iwmo.transport.FolderTransport`` | the adapter class |
| ``IWMO_FOLDER``            | ``<VAR_DIR>/iwmo``               | root of ``uit/``, ``in/``, ``verwerkt/``, ``fout/`` |
| ``IWMO_OUTBOX_DIR`` / ``IWMO_INBOX_DIR`` | ``<IWMO_FOLDER>/uit`` / ``/in`` | override one folder |
| ``IWMO_XSD_DIR`` / ``IJW_XSD_DIR`` | unset                   | the official XSD folders |
| ``IWMO_SEND_ATTEMPTS``     | ``5``                            | tries before a message is ``mislukt`` |
"""

import os
from pathlib import Path
from typing import Any

from django.conf import settings


def _value(name: str, default: Any = "") -> Any:
    if hasattr(settings, name):
        return getattr(settings, name)
    return os.environ.get(name, default)


def folder() -> Path:
    return Path(_value("IWMO_FOLDER", "") or Path(settings.VAR_DIR) / "iwmo")


def outbox_dir() -> Path:
    return Path(_value("IWMO_OUTBOX_DIR", "") or folder() / "uit")


def inbox_dir() -> Path:
    return Path(_value("IWMO_INBOX_DIR", "") or folder() / "in")


def processed_dir() -> Path:
    return folder() / "verwerkt"


def failed_dir() -> Path:
    return folder() / "fout"


def transport_path() -> str:
    return str(_value("IWMO_TRANSPORT", "") or "wijkteam.iwmo.transport.FolderTransport")


def send_attempts() -> int:
    return int(_value("IWMO_SEND_ATTEMPTS", 5))


def xsd_dir(standard: str) -> str:
    return str(_value("IJW_XSD_DIR" if standard == "ijw" else "IWMO_XSD_DIR", ""))
