"""The ``guichets`` command: seed and migrate on a fresh embedded database."""

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from api.cli import app
from api.config import get_settings


@pytest.fixture
def fresh_database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_seed_reports_what_it_loaded_and_skipped(fresh_database: str) -> None:
    runner = CliRunner()
    first = runner.invoke(app, ["seed"])
    assert first.exit_code == 0, first.output
    assert "access points created" in first.output
    assert "outreach-epn-mobile-espace-cultures-developpement" in first.output
    assert "needs an address, a location or a host venue" in first.output
    again = runner.invoke(app, ["seed"])
    assert again.exit_code == 0
    unchanged = next(line for line in again.output.splitlines() if "unchanged" in line)
    assert "90" in unchanged


def test_migrate_is_idempotent(fresh_database: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0 and "schema up to date" in result.output
