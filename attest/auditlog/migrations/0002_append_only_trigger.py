"""On PostgreSQL the audit table refuses UPDATE and DELETE; SQLite relies on the hash chain alone."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION auditlog_refuse_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'auditlog_auditevent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS auditlog_auditevent_append_only ON auditlog_auditevent;
CREATE TRIGGER auditlog_auditevent_append_only BEFORE UPDATE OR DELETE ON auditlog_auditevent
  FOR EACH ROW EXECUTE FUNCTION auditlog_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS auditlog_auditevent_append_only ON auditlog_auditevent;
DROP FUNCTION IF EXISTS auditlog_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("auditlog", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
