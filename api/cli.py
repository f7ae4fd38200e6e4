"""The ``guichets`` command: ``serve``, ``seed``, ``migrate``, ``keys``, ``accounts``,
``import``, ``incidents``."""

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from rich.console import Console
from rich.markup import escape
from rich.progress import Progress
from rich.table import Table
from sqlmodel import Session

from api.cli_accounts import accounts_app
from api.cli_incidents import incidents_app
from api.clock import current_time
from api.config import get_settings
from api.db import make_engine, migrate, writing
from api.errors import DomainError
from api.models import Role
from api.server import uvicorn_options
from api.services.hsds.importing import hsds_records, read_services
from api.services.imports import IncomingRecord, csv_records, import_records
from api.services.keys import create_key, list_keys, revoke_key
from api.services.search_index import rebuild_search_index

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
    """Migrate and seed the database if it is new, then serve the API (uvicorn, with a
    deadline for request headers: ``api.server``)."""
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
        **uvicorn_options(),
    )


@app.command("migrate")
def migrate_command() -> None:
    """Bring the database schema to the newest Alembic revision."""
    settings = get_settings()
    migrate(make_engine(settings.database_url))
    console.print("schema up to date")


@app.command("reindex")
def reindex_command() -> None:
    """Rewrite the text-search document of every access point (after rows were written by
    hand or by raw SQL, such as the benchmark's generator)."""
    engine = make_engine(get_settings().database_url)
    migrate(engine)
    with writing(engine).begin() as connection:
        count = rebuild_search_index(connection=connection)
    console.print(f"search index rebuilt: {count} access points")


@app.command()
def seed() -> None:
    """Load (or reload) the seed: postcodes, municipalities, the curated organizations and
    the real access points of Brussels and Wallonia. Safe to re-run; prints what was
    loaded, which organization names were merged into one, and what was skipped, and why."""
    from seed.load import seed_database

    settings = get_settings()
    engine = make_engine(settings.database_url)
    migrate(engine)
    with Session(writing(engine)) as session:
        report = seed_database(session=session, now=current_time())
    summary = Table(title="seed")
    summary.add_column("what")
    summary.add_column("count", justify="right")
    for label, count in (
        ("municipalities", report.municipalities),
        ("postcodes", report.postcodes),
        ("organizations", report.organizations),
        ("organizations merged from several names", len(report.merged_organizations)),
        ("duplicate organizations retired", len(report.retired_organizations)),
        ("access points with a service area", report.with_service_area),
        ("days off added as closures", report.closures_added),
        ("access points created", len(report.created)),
        ("access points updated", len(report.updated)),
        ("access points unchanged", len(report.unchanged)),
        ("located at their postcode centroid", len(report.located_by_postcode)),
        ("without a place (not in nearest)", len(report.not_located)),
        ("skipped", len(report.skipped)),
    ):
        summary.add_row(label, str(count))
    console.print(summary)
    for organization_id, names in report.merged_organizations.items():
        console.print(f"merged into {organization_id}: " + " + ".join(names))
    if report.retired_organizations:
        console.print("retired (merged): " + ", ".join(report.retired_organizations))
    for access_point_id, reason in report.skipped:
        console.print(f"[yellow]skipped[/yellow] {access_point_id}: {reason}")
    if report.not_located:
        console.print("without a place: " + ", ".join(report.not_located))


keys_app = typer.Typer(help="API keys for editors and administrators.")
app.add_typer(keys_app, name="keys")
app.add_typer(accounts_app, name="accounts")
app.add_typer(incidents_app, name="incidents")


def _session() -> Session:
    """A session for commands that write (keys, import): on SQLite its transactions take the
    write lock at their start and wait for it, as the API's writes do, so that a command
    run beside a serving API queues instead of failing with "database is locked"."""
    engine = make_engine(get_settings().database_url)
    migrate(engine)
    return Session(writing(engine))


@keys_app.command("create")
def keys_create(
    name: Annotated[str, typer.Option(help="Who will use it (shown in the history)")],
    role: Annotated[Role, typer.Option(help="editor or admin")] = Role.EDITOR,
    organization: Annotated[
        str | None, typer.Option(help="Organization id an editor key is bound to (default: all)")
    ] = None,
) -> None:
    """Create a key and print it once: only its hash is kept."""
    with _session() as session:
        try:
            key, plaintext = create_key(
                session=session,
                name=name,
                role=role,
                organization_id=organization,
                now=current_time(),
            )
        except DomainError as exc:
            console.print(f"[red]{exc.message}[/red]")
            raise typer.Exit(1) from exc
    scope = key.organization_id or "all organizations"
    console.print(f"{key.role.value} key [bold]{key.name}[/bold] for {scope}:")
    console.print(plaintext, markup=False, highlight=False)
    console.print("[yellow]Store it now: it cannot be shown again.[/yellow]")


@keys_app.command("list")
def keys_list() -> None:
    """List the keys (never the keys themselves)."""
    with _session() as session:
        keys = list_keys(session=session)
    table = Table(title="API keys")
    for column in ("name", "role", "organization", "prefix", "created", "revoked"):
        table.add_column(column)
    for key in keys:
        table.add_row(
            key.name,
            key.role.value,
            key.organization_id or "(all)",
            key.prefix + "…",
            key.created_at.isoformat(timespec="seconds"),
            key.revoked_at.isoformat(timespec="seconds") if key.revoked_at else "",
        )
    console.print(table)


@keys_app.command("revoke")
def keys_revoke(name: Annotated[str, typer.Argument(help="The key's name")]) -> None:
    """Revoke a key: it stops working at once and stays listed."""
    with _session() as session:
        try:
            key = revoke_key(session=session, name=name, now=current_time())
        except DomainError as exc:
            console.print(f"[red]{exc.message}[/red]")
            raise typer.Exit(1) from exc
    console.print(f"key {key.name} revoked")


@app.command("import")
def import_command(
    file: Annotated[
        Path,
        typer.Argument(
            exists=True,
            help="A CSV in the export format, an HSDS 3.0 JSON file of services, or an HSDS "
            "datapackage folder",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would change; write nothing")
    ] = False,
) -> None:
    """Upsert the access points of a CSV export or of HSDS 3.0 JSON / datapackage (by id:
    re-running changes nothing); ends with a report, and exits 1 when records were rejected."""
    with _session() as session, Progress(console=console, transient=True) as progress:
        try:
            if file.is_dir() or file.suffix.lower() == ".json":
                services = read_services(file)
                records: Iterable[IncomingRecord] = hsds_records(
                    session=session, services=services, source=file.name
                )
                total = len(services)
            else:
                records = csv_records(file)
                total = max(sum(1 for _ in file.open(encoding="utf-8-sig")) - 1, 0)
            task = progress.add_task(f"importing {file.name}", total=total)
            report = import_records(
                session=session,
                records=records,
                now=current_time(),
                actor=f"import:{file.name}",
                dry_run=dry_run,
                progress=lambda: progress.advance(task),
            )
        except ValueError as exc:
            console.print(f"[red]{exc}[/red]")
            raise typer.Exit(1) from exc
    table = Table(
        title=f"import of {file.name}" + (" (dry run: nothing written)" if dry_run else "")
    )
    table.add_column("outcome")
    table.add_column("count", justify="right")
    for label, items in (
        ("created", report.created),
        ("updated", report.updated),
        ("unchanged", report.unchanged),
        ("rejected", report.rejected),
        ("organizations created", report.organizations_created),
        ("accepted with a warning", report.warnings),
        ("opening_hours made canonical", report.rewritten),
    ):
        table.add_row(label, str(len(items)))
    console.print(table)
    if dry_run:
        for label, ids in (("would create", report.created), ("would update", report.updated)):
            if ids:
                console.print(f"{label}: {', '.join(ids)}")
    for ref, before, after in report.rewritten:
        # Values hold brackets (Sa[-1]) that rich would read as markup.
        console.print("[cyan]canonical[/cyan]", escape(f"{ref}: {before!r} -> {after!r}"))
    for ref, warning in report.warnings:
        console.print(f"[cyan]warning[/cyan] {ref}: {warning}")
    for ref, reason in report.rejected:
        console.print(f"[yellow]rejected[/yellow] {ref}: {reason}")
    if report.rejected:
        raise typer.Exit(1)
