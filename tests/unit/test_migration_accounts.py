"""Migration 0005 (accounts) goes up and down on a fresh SQLite file, keeping the history."""

from pathlib import Path

from alembic import command
from sqlalchemy import inspect, text

from api.db import alembic_config, make_engine


def test_accounts_migration_up_down_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    config = alembic_config(engine)
    command.upgrade(config, "0005")
    tables = set(inspect(engine).get_table_names())
    assert {"account", "account_organization"} <= tables
    changed_by = next(c for c in inspect(engine).get_columns("change") if c["name"] == "changed_by")
    assert changed_by["type"].length == 400
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO change (resource, resource_id, version, action, changed_at, "
                "changed_by, changes, snapshot) VALUES ('access_point', 'x', 1, 'create', "
                "'2026-12-04 10:00:00', :by, '{}', '{}')"
            ),
            {"by": "N" * 200 + " <n@example.be>"},
        )
    command.downgrade(config, "0004")
    assert "account" not in set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        kept = conn.execute(text("SELECT changed_by FROM change")).scalar_one()
    assert kept == "N" * 120  # cut to the former width, the row kept
    command.upgrade(config, "0005")
    assert "account" in set(inspect(engine).get_table_names())
    engine.dispose()
