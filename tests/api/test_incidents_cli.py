"""``guichets incidents purge-texts``: the texts older than the retention period are emptied,
the structured fields and the recent texts stay; ``generate-synthetic`` on a seeded directory
(labelled reports without text), and refused on an empty one."""

from datetime import date, timedelta

from sqlmodel import Session, select
from typer.testing import CliRunner

from api.cli import app
from api.clock import current_time
from api.db import make_engine, migrate
from api.models.incidents import Incident


def _incident(text: str, age_days: int) -> Incident:
    return Incident(
        occurred_on=date(2026, 1, 1),
        other_service_name="Guichet X",
        channel="phone",
        kinds=["unreachable_phone"],
        wait_minutes=30,
        text=text,
        reporter="account:1",
        created_at=current_time() - timedelta(days=age_days),
    )


def test_purge_texts(cli_database: str) -> None:
    engine = make_engine(cli_database)
    migrate(engine)
    with Session(engine) as session:
        session.add(_incident("old", 400))
        session.add(_incident("recent", 10))
        session.commit()
    result = CliRunner().invoke(app, ["incidents", "purge-texts"])
    assert result.exit_code == 0, result.output
    assert "1 incident texts removed (kept 365 days)" in result.output
    with Session(engine) as session:
        rows = sorted(session.exec(select(Incident)).all(), key=lambda i: i.created_at)
        assert [(i.text, i.text_removed_at is not None, i.wait_minutes) for i in rows] == [
            (None, True, 30),
            ("recent", False, 30),
        ]
    again = CliRunner().invoke(app, ["incidents", "purge-texts", "--retention-days", "5"])
    assert "1 incident texts removed (kept 5 days)" in again.output
    engine.dispose()


def test_the_command_generates_synthetic_reports(cli_database: str) -> None:
    runner = CliRunner()
    assert runner.invoke(app, ["seed"]).exit_code == 0
    result = runner.invoke(app, ["incidents", "generate-synthetic", "--count", "20", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "20 synthetic incidents added (seed 2)" in result.output
    with Session(make_engine(cli_database)) as session:
        reporters = session.exec(select(Incident.reporter)).all()
    assert reporters == ["synthetic"] * 20
    with Session(make_engine(cli_database)) as session:
        assert set(session.exec(select(Incident.text)).all()) == {None}


def test_the_command_needs_a_seeded_directory(cli_reference_database: str) -> None:
    result = CliRunner().invoke(app, ["incidents", "generate-synthetic", "--count", "5"])
    assert result.exit_code == 1
    assert "seed it first" in result.output
