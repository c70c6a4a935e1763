"""On PostgreSQL the chain anchors and the destruction records refuse UPDATE and DELETE.

Both are proof: an anchor says where the access log legitimately starts after retention, a
destruction record says that a dossier was destroyed and under which rule. Neither is ever
changed or removed by the application. SQLite has no such triggers here.
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION wijkteam_privacy_proof_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is alleen-toevoegen: % geweigerd', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS access_log_anchor_append_only ON privacy_accessloganchor;
CREATE TRIGGER access_log_anchor_append_only BEFORE UPDATE OR DELETE ON privacy_accessloganchor
    FOR EACH ROW EXECUTE FUNCTION wijkteam_privacy_proof_append_only();
DROP TRIGGER IF EXISTS destruction_record_append_only ON privacy_destructionrecord;
CREATE TRIGGER destruction_record_append_only BEFORE UPDATE OR DELETE ON privacy_destructionrecord
    FOR EACH ROW EXECUTE FUNCTION wijkteam_privacy_proof_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS access_log_anchor_append_only ON privacy_accessloganchor;
DROP TRIGGER IF EXISTS destruction_record_append_only ON privacy_destructionrecord;
DROP FUNCTION IF EXISTS wijkteam_privacy_proof_append_only();
"""


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0004_retention_defaults")]

    operations = [migrations.RunPython(create, drop)]
