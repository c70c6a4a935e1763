"""Backing up the database: SQLite through its online backup API, PostgreSQL with pg_dump.

SQLite: :meth:`sqlite3.Connection.backup` copies a consistent snapshot while the application
keeps running (readers and writers are not stopped). PostgreSQL: ``pg_dump -Fc`` (custom
format, compressed, restored with ``pg_restore``), run with the connection settings of the
database; the password goes through the environment (``PGPASSWORD``), never the command line.
"""

import datetime
import os
import shlex
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections


class BackupError(Exception):
    pass


def default_target(alias: str = "default") -> Path:
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    vendor = connections[alias].vendor
    suffix = "sqlite3" if vendor == "sqlite" else "dump"
    return Path(settings.VAR_DIR) / "backups" / f"wijkteam-{stamp}.{suffix}"


def pg_dump_command(target: Path, alias: str = "default") -> tuple[list[str], dict[str, str]]:
    """The pg_dump arguments and the extra environment (the password) for ``alias``."""
    db: dict[str, Any] = connections[alias].settings_dict
    args = ["pg_dump", "-Fc", "--no-password", "-f", str(target)]
    if db.get("HOST"):
        args += ["-h", str(db["HOST"])]
    if db.get("PORT"):
        args += ["-p", str(db["PORT"])]
    if db.get("USER"):
        args += ["-U", str(db["USER"])]
    args += ["-d", str(db["NAME"])]
    env = {"PGPASSWORD": str(db["PASSWORD"])} if db.get("PASSWORD") else {}
    return args, env


def printable(args: list[str]) -> str:
    return shlex.join(args)


def backup(target: Path, alias: str = "default") -> Path:
    """Write a backup of database ``alias`` to ``target`` (parents created); returns it."""
    connection = connections[alias]
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        raise BackupError(f"{target} bestaat al; kies een nieuwe naam.")
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        source = connection.connection
        destination = sqlite3.connect(target)
        try:
            with destination:
                source.backup(destination)
        finally:
            destination.close()
        return target
    if connection.vendor == "postgresql":
        args, env = pg_dump_command(target, alias)
        done = subprocess.run(  # noqa: S603 - fixed program, arguments from the settings
            args, env={**os.environ, **env}, capture_output=True, text=True, check=False
        )
        if done.returncode != 0:
            target.unlink(missing_ok=True)
            raise BackupError(f"pg_dump faalde (code {done.returncode}): {done.stderr.strip()}")
        return target
    raise BackupError(f"Geen back-up voor databasesoort {connection.vendor}.")
