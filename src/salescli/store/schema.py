"""Schema versions, known without importing Alembic.

Every command compares the store's `alembic_version` with `HEAD` (one cheap SELECT);
only a store that is behind pays for importing Alembic and running the upgrade. A test
checks that this list matches the migration scripts.
"""

REVISIONS: tuple[str, ...] = ("0001_foundation", "0002_team_settings", "0003_listing_and_search", "0004_task_times",
                             "0005_pinyin_keys", "0006_pipeline", "0007_pool", "0008_leads",
                             "0009_targets_and_plans")
HEAD = REVISIONS[-1]
