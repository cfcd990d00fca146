"""PostgreSQL only: drop the ``*_like`` (varchar_pattern_ops) indexes Django adds beside each
indexed text column (gongbao never filters with LIKE 'prefix%': they only cost writes), and
compress long texts with lz4 (PostgreSQL 14+) rather than pglz, which costs the server
several times the CPU per document at ingest."""

from django.db import migrations

TABLES = ("store_appointment", "store_citation", "store_correction", "store_document", "store_issue",
          "store_organization")
LONG_TEXT = (("store_document", "body"), ("store_issueversion", "source_text"), ("store_issueversion", "parsed"))


def tune(apps, schema_editor):
    conn = schema_editor.connection
    if not conn.vendor.startswith("postgresql"):
        return
    with conn.cursor() as cur:
        cur.execute("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
                    "AND indexname LIKE '%%\\_like' AND tablename IN %s" % (str(TABLES),))
        for (name,) in cur.fetchall():
            cur.execute(f'DROP INDEX IF EXISTS "{name}"')
        cur.execute("SELECT current_setting('server_version_num')::int")
        if cur.fetchone()[0] >= 140000:
            for table, column in LONG_TEXT:
                cur.execute(f'ALTER TABLE "{table}" ALTER COLUMN "{column}" SET COMPRESSION lz4')


class Migration(migrations.Migration):

    dependencies = [("store", "0002_search_log")]

    operations = [migrations.RunPython(tune, migrations.RunPython.noop)]
