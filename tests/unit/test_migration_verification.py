"""Migration 0007 (verification method, campaigns) goes up and down on a fresh SQLite file."""

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from api.db import alembic_config, make_engine


def test_verification_migration_up_down_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    config = alembic_config(engine)
    command.upgrade(config, "0007")
    tables = set(inspect(engine).get_table_names())
    assert {"campaign", "campaign_task"} <= tables
    columns = {c["name"] for c in inspect(engine).get_columns("access_point")}
    assert "verification_method" in columns
    command.downgrade(config, "0006")
    assert not {"campaign", "campaign_task"} & set(inspect(engine).get_table_names())
    columns = {c["name"] for c in inspect(engine).get_columns("access_point")}
    assert "verification_method" not in columns
    command.upgrade(config, "0007")
    assert "campaign_task" in set(inspect(engine).get_table_names())
    engine.dispose()
