"""The keys of the access log's HMAC chain and where its checkpoints go, from the environment.

- ``WIJKTEAM_ACCESS_LOG_KEYS``: ``"id:hexkey,id:hexkey"``; the FIRST key signs new entries,
  the others are kept to verify older entries (after a rotation). A key is at least 32 bytes
  (64 hex digits); an id is 1-20 letters, digits, ``.``, ``_`` or ``-``.
- ``WIJKTEAM_ACCESS_LOG_KEY_FILE``: a file with the same content (commas or new lines between
  the keys, ``#`` starts a comment); used when the variable above is empty.
- ``WIJKTEAM_ACCESS_LOG_CHECKPOINT_DIR``: the folder of the append-only checkpoint file.

The keys never go into the database. Development and tests use a fixed, public dev key
(:data:`DEV_KEYS`); production refuses to start without a key.
"""

import hashlib
import os
import re
from collections.abc import Mapping
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

KEY_ID = re.compile(r"^[A-Za-z0-9._-]{1,20}$")
MIN_KEY_BYTES = 32

#: The public development key: never for real data (production settings refuse it).
DEV_KEYS = {"dev": hashlib.sha256(b"wijkteam development access log key").hexdigest()}


def parse_keys(text: str, source: str) -> dict[str, str]:
    """``"id:hexkey,..."`` → ``{id: hexkey}`` in the given order; raises on a malformed key."""
    keys: dict[str, str] = {}
    for raw in re.split(r"[,\n]", text):
        item = raw.split("#", 1)[0].strip()
        if not item:
            continue
        key_id, sep, hexkey = item.partition(":")
        key_id, hexkey = key_id.strip(), hexkey.strip().lower()
        if not sep or not KEY_ID.match(key_id):
            raise ImproperlyConfigured(
                f"{source}: elke sleutel is 'id:hexsleutel' met een id van 1-20 tekens "
                "(letters, cijfers, . _ -)."
            )
        try:
            size = len(bytes.fromhex(hexkey))
        except ValueError:
            raise ImproperlyConfigured(f"{source}: sleutel {key_id!r} is geen hex.") from None
        if size < MIN_KEY_BYTES:
            raise ImproperlyConfigured(
                f"{source}: sleutel {key_id!r} is korter dan {MIN_KEY_BYTES} bytes "
                f"({MIN_KEY_BYTES * 2} hexcijfers)."
            )
        if key_id in keys:
            raise ImproperlyConfigured(f"{source}: sleutel-id {key_id!r} staat er twee keer in.")
        keys[key_id] = hexkey
    return keys


def keys_from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The configured keys, or an empty dict when neither variable is set."""
    text = environ.get("WIJKTEAM_ACCESS_LOG_KEYS", "").strip()
    if text:
        return parse_keys(text, "WIJKTEAM_ACCESS_LOG_KEYS")
    path = environ.get("WIJKTEAM_ACCESS_LOG_KEY_FILE", "").strip()
    if path:
        try:
            content = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise ImproperlyConfigured(
                f"WIJKTEAM_ACCESS_LOG_KEY_FILE {path!r} is niet leesbaar: {exc.strerror}."
            ) from None
        return parse_keys(content, "WIJKTEAM_ACCESS_LOG_KEY_FILE")
    return {}


def checkpoint_dir(var_dir: Path) -> Path:
    return Path(os.environ.get("WIJKTEAM_ACCESS_LOG_CHECKPOINT_DIR", var_dir))
