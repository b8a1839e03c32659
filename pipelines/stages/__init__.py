"""Stage logic as plain functions (no Dagster), called by the thin assets in pipelines/assets."""
