"""On PostgreSQL the access log refuses UPDATE and DELETE (NEN 7513: the log is not modifiable).

Retention of the log itself deletes only inside a transaction that set
``SET LOCAL wijkteam.access_log_retention = 'on'`` (the retention command does so).
SQLite has no such triggers here; there the application simply has no path that changes it.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION wijkteam_access_log_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND current_setting('wijkteam.access_log_retention', true) = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'toegangslog is alleen-toevoegen: % geweigerd', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS access_log_append_only ON privacy_accesslogentry;
CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON privacy_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION wijkteam_access_log_append_only();
DROP TRIGGER IF EXISTS access_log_resident_append_only ON privacy_accesslogresident;
CREATE TRIGGER access_log_resident_append_only BEFORE UPDATE OR DELETE ON privacy_accesslogresident
    FOR EACH ROW EXECUTE FUNCTION wijkteam_access_log_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS access_log_append_only ON privacy_accesslogentry;
DROP TRIGGER IF EXISTS access_log_resident_append_only ON privacy_accesslogresident;
DROP FUNCTION IF EXISTS wijkteam_access_log_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
