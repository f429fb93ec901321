"""Indexes for the CKAN API's package_search over 10,000 datasets (bench: Thai q + res_format):

- resource (dataset, format): the res_format filter and facet read only this index;
- SQLite: dataset (status, search_text, title, modified_at), a covering index, so that the
  text search scans a few MB of index instead of every dataset's whole row (rows of Thai text
  are large), and the relevance order (title) and date order come from it too;
- PostgreSQL: a pg_trgm GIN index on search_text, which serves LIKE '%word%' (the extension is
  "trusted" since PostgreSQL 13: a database owner may create it).
Neither database gets the other's index: a B-tree over long text could exceed PostgreSQL's
index row limit, and SQLite has no trigram index."""

from django.db import migrations, models

SQLITE_INDEX = "dataset_public_text"
PG_INDEX = "dataset_search_trgm"


def create(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {SQLITE_INDEX} ON catalogue_dataset "
            "(status, search_text, title, modified_at)"
        )
    elif vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {PG_INDEX} ON catalogue_dataset "
            "USING gin (search_text gin_trgm_ops)"
        )


def drop(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor in ("sqlite", "postgresql"):
        name = SQLITE_INDEX if vendor == "sqlite" else PG_INDEX
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0001_initial"),
        ("org", "0001_initial"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="resource",
            index=models.Index(fields=["dataset", "format"], name="resource_dataset_format"),
        ),
        migrations.RunPython(create, drop, elidable=False),
    ]
