"""``guichets incidents``: the incident reports' maintenance (the retention of their texts)."""

from typing import Annotated

import typer
from rich.console import Console
from sqlmodel import Session

from api.clock import current_time
from api.config import get_settings
from api.db import make_engine, migrate, writing
from api.services.incidents import remove_expired_texts
from api.services.observatory.incidents_synthetic import generate_synthetic_incidents

incidents_app = typer.Typer(
    help="Incident reports: the retention of their free texts, synthetic reports."
)
console = Console(soft_wrap=True)


@incidents_app.command("purge-texts")
def purge_texts(
    retention_days: Annotated[
        int | None,
        typer.Option(
            min=0, help="Days a text is kept (default: the setting incident_text_retention_days)"
        ),
    ] = None,
) -> None:
    """Empty the free texts of the incidents received more than the retention period ago
    (the structured fields stay). Run it daily (cron); prints how many texts were removed."""
    settings = get_settings()
    days = settings.incident_text_retention_days if retention_days is None else retention_days
    engine = make_engine(settings.database_url)
    migrate(engine)
    with Session(writing(engine)) as session:
        removed = remove_expired_texts(session=session, now=current_time(), retention_days=days)
    console.print(f"{removed} incident texts removed (kept {days} days)")


@incidents_app.command("generate-synthetic")
def generate_synthetic(
    count: Annotated[int, typer.Option(min=0, max=100_000, help="How many incidents")] = 500,
    seed: Annotated[int, typer.Option(help="The random seed: the same seed, the same set")] = 1,
) -> None:
    """Add synthetic incident reports (reporter 'synthetic', no free text) over the
    directory's real access points, communes and themes, in the last 12 months, for the
    observatory's demonstration. The observatory says how many of its incidents are
    synthetic (and leaves them out with synthetic=exclude); they never count as signals."""
    engine = make_engine(get_settings().database_url)
    migrate(engine)
    now = current_time()
    with Session(writing(engine)) as session:
        try:
            added = generate_synthetic_incidents(
                session=session, count=count, seed=seed, today=now.date(), now=now
            )
        except ValueError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc
    console.print(f"{added} synthetic incidents added (seed {seed})")
