"""Stage 5: the archive's store (Django models on SQLite by default), ingest and search index."""
