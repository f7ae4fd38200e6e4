"""``guichets incidents purge-texts``: the texts older than the retention period are emptied,
the structured fields and the recent texts stay."""

from datetime import date, timedelta

from sqlmodel import Session, select
from typer.testing import CliRunner

from api.cli import app
from api.clock import current_time
from api.db import make_engine, migrate
from api.models.incidents import Incident
from seed.load import seed_database


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


def test_generate_synthetic(cli_database: str) -> None:
    """On an empty directory it says to seed first (exit 1); on the seeded one it adds the
    labelled reports, the same again for the same seed."""
    empty = CliRunner().invoke(app, ["incidents", "generate-synthetic", "--count", "5"])
    assert empty.exit_code == 1
    assert "seed it first" in empty.output
    engine = make_engine(cli_database)
    with Session(engine) as session:
        migrate(engine)
        seed_database(session=session, now=current_time())
    result = CliRunner().invoke(
        app, ["incidents", "generate-synthetic", "--count", "40", "--seed", "3"]
    )
    assert result.exit_code == 0, result.output
    assert "40 synthetic incidents added (seed 3)" in result.output
    with Session(engine) as session:
        incidents = session.exec(select(Incident)).all()
        assert len(incidents) == 40
        assert {(i.reporter, i.text) for i in incidents} == {("synthetic", None)}
    engine.dispose()
