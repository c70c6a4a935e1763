"""On PostgreSQL: retention of the access log only through a SECURITY DEFINER function.

``wijkteam_access_log_purge`` removes a prefix of the chain (entries older than the cut-off,
never younger than one year) and inserts the retention anchor the caller signed with the
access log key (the key never reaches the database; the function checks the anchor's facts
against the rows it removes). ``manage.py create_database_roles`` gives the function to the
retention role and lets the application role only EXECUTE it.

The append-only trigger now lets a DELETE through only when the retention flag is on AND the
current role owns that function (inside it, ``current_user`` is its owner): setting the flag,
which any session can do, is no longer enough. SQLite: nothing (no triggers, no roles).
"""

from django.db import migrations

SIGNATURE = "bigint, text, bigint, bigint, timestamptz, text, text"

FUNCTION = """
CREATE OR REPLACE FUNCTION {schema}.wijkteam_access_log_purge(
    p_last_id bigint, p_last_hash text, p_first_kept bigint, p_removed bigint,
    p_before timestamptz, p_key_id text, p_mac text
) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$
DECLARE
    removed bigint;
    next_id bigint;
    anchor_id bigint;
BEGIN
    IF p_before > now() - interval '1 year' THEN
        RAISE EXCEPTION 'toegangslog: regels jonger dan een jaar worden niet verwijderd'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF p_key_id = '' OR length(p_mac) <> 64 THEN
        RAISE EXCEPTION 'toegangslog: een ankerpunt zonder handtekening wordt geweigerd'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    PERFORM 1 FROM privacy_accessloghead WHERE id = 1 FOR UPDATE;
    IF NOT EXISTS (
        SELECT 1 FROM privacy_accesslogentry WHERE id = p_last_id AND hash = p_last_hash
    ) THEN
        RAISE EXCEPTION 'toegangslog: de laatste te verwijderen regel klopt niet';
    END IF;
    IF EXISTS (
        SELECT 1 FROM privacy_accesslogentry WHERE id <= p_last_id AND at >= p_before
    ) THEN
        RAISE EXCEPTION 'toegangslog: een te verwijderen regel valt binnen de bewaartermijn';
    END IF;
    SELECT id INTO next_id FROM privacy_accesslogentry WHERE id > p_last_id ORDER BY id LIMIT 1;
    IF next_id IS DISTINCT FROM p_first_kept THEN
        RAISE EXCEPTION 'toegangslog: de eerste bewaarde regel klopt niet';
    END IF;
    PERFORM set_config('wijkteam.access_log_retention', 'on', true);
    DELETE FROM privacy_accesslogresident WHERE entry_id <= p_last_id;
    DELETE FROM privacy_accesslogentry WHERE id <= p_last_id;
    GET DIAGNOSTICS removed = ROW_COUNT;
    PERFORM set_config('wijkteam.access_log_retention', 'off', true);
    IF removed <> p_removed THEN
        RAISE EXCEPTION 'toegangslog: % regels verwijderd, % verwacht', removed, p_removed;
    END IF;
    INSERT INTO privacy_accessloganchor
        (entry_id, prev_hash, removed_count, removed_before, created_at, key_id, mac)
        VALUES (p_first_kept, p_last_hash, removed, p_before, now(), p_key_id, p_mac)
        RETURNING id INTO anchor_id;
    RETURN anchor_id;
END;
$$;
REVOKE ALL ON FUNCTION {schema}.wijkteam_access_log_purge({signature}) FROM PUBLIC;
"""

TRIGGER = """
CREATE OR REPLACE FUNCTION wijkteam_access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE'
       AND current_setting('wijkteam.access_log_retention', true) = 'on'
       AND current_user = (
           SELECT pg_catalog.pg_get_userbyid(p.proowner) FROM pg_catalog.pg_proc p
           WHERE p.oid = '{schema}.wijkteam_access_log_purge({signature})'::regprocedure
       ) THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'toegangslog is alleen-toevoegen: % geweigerd', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

OLD_TRIGGER = """
CREATE OR REPLACE FUNCTION wijkteam_access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('wijkteam.access_log_retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'toegangslog is alleen-toevoegen: % geweigerd', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def _schema(schema_editor) -> str:
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT quote_ident(current_schema())")
        return cursor.fetchone()[0]


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    names = {"schema": _schema(schema_editor), "signature": SIGNATURE}
    schema_editor.execute(FUNCTION.format(**names), params=None)
    schema_editor.execute(TRIGGER.format(**names), params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(OLD_TRIGGER, params=None)
    schema_editor.execute(
        f"DROP FUNCTION IF EXISTS {_schema(schema_editor)}.wijkteam_access_log_purge({SIGNATURE})",
        params=None,
    )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0007_access_log_keyed_chain")]

    operations = [migrations.RunPython(create, drop)]
