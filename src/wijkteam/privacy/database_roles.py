"""PostgreSQL least privilege for the access log: the SQL of ``create_database_roles``.

Three roles (see docs/operations.md):

- the **owner** (whoever runs ``migrate``): owns the tables, the triggers and everything else;
  never used by the running application.
- the **application role** (``wijkteam_app``): reads and writes the application's tables, but
  on the access log may only SELECT and INSERT (entries and their resident rows) and move the
  head; it cannot UPDATE, DELETE or TRUNCATE the log, insert an anchor, disable a trigger (only
  the owner can), or create objects in the schema. Setting the retention flag gets it nothing:
  the trigger also demands that the current role owns the retention function.
- the **retention role** (``wijkteam_retention``, no login): owns the SECURITY DEFINER function
  ``wijkteam_access_log_purge`` (migration privacy 0008) and holds the only DELETE on the log
  and INSERT on the anchors. The application role may EXECUTE the function, which removes
  only entries older than the cut-off (never younger than a year) and records the anchor the
  application signed with the key.
"""

import re

from django.db import connection

from .models import AccessLogAnchor, AccessLogEntry, AccessLogHead, AccessLogResident

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
PURGE_SIGNATURE = "bigint, text, bigint, bigint, timestamptz, text, text"


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def statements(*, app_role: str, retention_role: str) -> list[str]:
    """The GRANT/REVOKE statements (idempotent) for the current database and schema."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_database(), current_schema()")
        database, schema = cursor.fetchone()
        cursor.execute("SELECT pg_get_serial_sequence(%s, 'id')", [AccessLogAnchor._meta.db_table])
        anchor_seq = cursor.fetchone()[0]
    app, ret, sch = _q(app_role), _q(retention_role), _q(schema)
    entry, resident, head, anchor = (
        _q(m._meta.db_table)
        for m in (AccessLogEntry, AccessLogResident, AccessLogHead, AccessLogAnchor)
    )
    function = f"{sch}.wijkteam_access_log_purge({PURGE_SIGNATURE})"
    result = [
        f"REVOKE CREATE ON SCHEMA {sch} FROM PUBLIC",
        f"GRANT CONNECT, TEMPORARY ON DATABASE {_q(database)} TO {app}",
        f"GRANT USAGE ON SCHEMA {sch} TO {app}, {ret}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {sch} TO {app}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {sch} TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {sch} "
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {app}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA {sch} GRANT USAGE, SELECT ON SEQUENCES TO {app}",
        # the access log: append only for the application
        f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {entry}, {resident} FROM {app}",
        f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {anchor} FROM {app}",
        f"REVOKE DELETE, TRUNCATE, REFERENCES, TRIGGER ON {head} FROM {app}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON privacy_destructionrecord FROM {app}",
        # retention: only through the function, which the retention role owns
        f"GRANT SELECT, DELETE ON {entry}, {resident} TO {ret}",
        f"GRANT SELECT, INSERT ON {anchor} TO {ret}",
        f"GRANT SELECT, UPDATE ON {head} TO {ret}",
        f"ALTER FUNCTION {function} OWNER TO {ret}",
        f"REVOKE ALL ON FUNCTION {function} FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION {function} TO {app}",
    ]
    if anchor_seq:
        result.insert(-3, f"GRANT USAGE, SELECT ON SEQUENCE {anchor_seq} TO {ret}")
    return result


def create_roles(*, app_role: str, retention_role: str, app_password: str | None) -> list[str]:
    """Create (or bring up to date) both roles and grant; returns the statements run.

    The password is passed as a parameter and never returned.
    """
    run: list[str] = []
    with connection.cursor() as cursor:
        for role, login in ((app_role, True), (retention_role, False)):
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [role])
            verb = "ALTER" if cursor.fetchone() else "CREATE"
            options = (
                f"{'LOGIN' if login else 'NOLOGIN'} NOSUPERUSER NOCREATEDB NOCREATEROLE "
                "NOREPLICATION NOBYPASSRLS NOINHERIT"
            )
            sql = f"{verb} ROLE {_q(role)} {options}"
            if login and app_password:
                cursor.execute(f"{sql} PASSWORD %s", [app_password])
                run.append(f"{sql} PASSWORD '…'")
            else:
                cursor.execute(sql)
                run.append(sql)
        for sql in statements(app_role=app_role, retention_role=retention_role):
            cursor.execute(sql)
            run.append(sql)
    return run
