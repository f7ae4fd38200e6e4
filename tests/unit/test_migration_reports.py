"""Migration 0006 (problem reports) goes up and down on a fresh SQLite file."""

from pathlib import Path

from alembic import command
from sqlalchemy import inspect

from api.db import alembic_config, make_engine


def test_reports_migration_up_down_up(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
    config = alembic_config(engine)
    command.upgrade(config, "0006")
    assert "problem_report" in set(inspect(engine).get_table_names())
    indexes = {index["name"] for index in inspect(engine).get_indexes("problem_report")}
    assert "ix_problem_report_access_point_id" in indexes
    command.downgrade(config, "0005")
    assert "problem_report" not in set(inspect(engine).get_table_names())
    command.upgrade(config, "0006")
    assert "problem_report" in set(inspect(engine).get_table_names())
    engine.dispose()
