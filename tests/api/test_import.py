"""``guichets import``: our CSV export in, through the API's validation; a round trip
export → import into an empty database gives the same directory."""

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine
from sqlmodel import Session, func, select
from typer.testing import CliRunner

from api.cli import app as cli
from api.models import AccessPoint
from api.services.imports import import_csv
from tests.conftest import NOW

LATER = NOW + timedelta(days=1)


@pytest.fixture
def export_file(client: TestClient, tmp_path: Path) -> Path:
    path = tmp_path / "guichets-access-points.csv"
    path.write_bytes(client.get("/v1/export/access-points.csv").content)
    return path


def rows_without_times(text: str) -> list[dict[str, str]]:
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    return [{k: v for k, v in row.items() if k != "updated_at"} for row in rows]


def export_of(engine: Engine) -> str:
    from api.config import Settings
    from api.main import create_app

    app = create_app(
        Settings(
            database_url=engine.url.render_as_string(hide_password=False), seed_on_startup=False
        )
    )
    with TestClient(app) as client:
        return client.get("/v1/export/access-points.csv").content.decode("utf-8")


def test_round_trip_gives_the_same_directory(export_file: Path, empty: Engine) -> None:
    with Session(empty) as session:
        report = import_csv(session=session, path=export_file, now=LATER)
    assert report.rejected == []
    assert len(report.created) == 122 and len(report.organizations_created) > 50
    # Accepted, with a warning: the associations' schedules that say nothing about holidays.
    warned = {ref for ref, warning in report.warnings if "no rule for public holidays" in warning}
    assert len(warned) == 4 and all(ref.startswith("line ") for ref in warned)
    assert rows_without_times(export_of(empty)) == rows_without_times(
        export_file.read_text(encoding="utf-8")
    )
    with Session(empty) as session:
        again = import_csv(session=session, path=export_file, now=LATER + timedelta(days=1))
    assert again.created == [] and again.updated == [] and len(again.unchanged) == 122


def test_dry_run_writes_nothing(export_file: Path, empty: Engine) -> None:
    with Session(empty) as session:
        report = import_csv(session=session, path=export_file, now=LATER, dry_run=True)
        assert len(report.created) == 122
        assert session.exec(select(func.count()).select_from(AccessPoint)).one() == 0


def test_bad_rows_are_rejected_with_the_reason(
    export_file: Path, empty: Engine, tmp_path: Path
) -> None:
    rows = list(csv.DictReader(io.StringIO(export_file.read_text(encoding="utf-8-sig"))))
    rows[0]["opening_hours"] = "Mo-Fx 09:00-12:00"
    rows[1]["phones"] = "12"
    rows[2]["kind"] = "bakery"
    rows[3]["opening_hours"] = "Mo-Fr 9-12; PH off"
    broken = tmp_path / "broken.csv"
    with broken.open("w", encoding="utf-8-sig", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with Session(empty) as session:
        report = import_csv(session=session, path=broken, now=LATER)
    assert len(report.created) == 119
    reasons = dict(report.rejected)
    assert any("opening_hours" in r for r in reasons.values())
    assert any("not a valid number" in r for r in reasons.values())
    assert any("kind" in r for r in reasons.values())
    assert all(ref.startswith("line ") for ref in reasons)
    # Accepted in opening_hours.js' canonical form, reported with before and after.
    assert report.rewritten == [
        (f"line 5 ({rows[3]['id']})", "Mo-Fr 9-12; PH off", "Mo-Fr 09:00-12:00; PH off")
    ]
    assert any("Time range without minutes" in w for _, w in report.warnings)


def test_not_an_export_is_refused(tmp_path: Path, empty: Engine) -> None:
    other = tmp_path / "other.csv"
    other.write_text("name,address\nx,y\n", encoding="utf-8")
    with Session(empty) as session, pytest.raises(ValueError, match="missing columns id, kind"):
        import_csv(session=session, path=other, now=LATER)


def test_import_command(export_file: Path, cli_reference_database: str) -> None:
    runner = CliRunner()
    dry = runner.invoke(cli, ["import", str(export_file), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "dry run: nothing written" in dry.output and "would create: " in dry.output
    real = runner.invoke(cli, ["import", str(export_file)])
    assert real.exit_code == 0
    assert "created" in real.output


def test_timestamps_are_the_import_time(export_file: Path, empty: Engine) -> None:
    with Session(empty) as session:
        import_csv(session=session, path=export_file, now=LATER)
        stamps = set(session.exec(select(AccessPoint.updated_at)).all())
    assert stamps == {LATER}
