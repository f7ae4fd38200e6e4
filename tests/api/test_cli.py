"""The ``guichets`` command: seed and migrate on a fresh embedded database."""

from typer.testing import CliRunner

from api.cli import app


def test_seed_reports_what_it_loaded_and_skipped(cli_database: str) -> None:
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


def test_migrate_is_idempotent(cli_database: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    result = runner.invoke(app, ["migrate"])
    assert result.exit_code == 0 and "schema up to date" in result.output
