"""The ``guichets`` command: ``serve``, ``seed``, ``migrate``."""

from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.table import Table
from sqlmodel import Session

from api.clock import current_time
from api.config import get_settings
from api.db import make_engine, migrate

app = typer.Typer(help="guichets: human access points to social rights in Brussels and Wallonia.")
console = Console(soft_wrap=True)  # long reasons stay on one line: the terminal wraps them


@app.command()
def serve(
    host: Annotated[
        str | None, typer.Option(help="Address to bind (default from settings)")
    ] = None,
    port: Annotated[int | None, typer.Option(help="Port (default 8000)")] = None,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
) -> None:
    """Migrate and seed the database if it is new, then serve the API (uvicorn)."""
    settings = get_settings()
    console.print(
        f"guichets on http://{host or settings.host}:{port or settings.port}"
        f" — database {settings.database_url}"
    )
    uvicorn.run(
        "api.main:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
    )


@app.command("migrate")
def migrate_command() -> None:
    """Bring the database schema to the newest Alembic revision."""
    settings = get_settings()
    migrate(make_engine(settings.database_url))
    console.print("schema up to date")


@app.command()
def seed() -> None:
    """Load (or reload) the seed: postcodes, municipalities and the real Brussels access
    points. Safe to re-run; prints what was loaded and what was skipped, and why."""
    from seed.load import seed_database

    settings = get_settings()
    engine = make_engine(settings.database_url)
    migrate(engine)
    with Session(engine) as session:
        report = seed_database(session=session, now=current_time())
    summary = Table(title="seed")
    summary.add_column("what")
    summary.add_column("count", justify="right")
    for label, count in (
        ("municipalities", report.municipalities),
        ("postcodes", report.postcodes),
        ("organizations", report.organizations),
        ("access points created", len(report.created)),
        ("access points updated", len(report.updated)),
        ("access points unchanged", len(report.unchanged)),
        ("located at their postcode centroid", len(report.located_by_postcode)),
        ("without a place (not in nearest)", len(report.not_located)),
        ("skipped", len(report.skipped)),
    ):
        summary.add_row(label, str(count))
    console.print(summary)
    for access_point_id, reason in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {access_point_id}: {reason}")
    if report.not_located:
        console.print("without a place: " + ", ".join(report.not_located))
