"""The FastAPI application factory."""

import fcntl
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager

import anyio
from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from sqlalchemy import Engine, text
from sqlmodel import Session

from api.clock import current_time
from api.config import Settings, get_settings
from api.db import make_engine, migrate, writing
from api.errors import install_error_handlers
from api.geocoding import build_geocoder
from api.limits import BodySizeLimit
from api.pages.accounts.install import install_accounts
from api.pages.rendering import STATIC_DIR
from api.request_guards import HeadAsGet, RejectUnstorableText
from api.routers import (
    access_points,
    accounts,
    edit_organization_pages,
    edit_pages,
    exports,
    health,
    hours_editor,
    hsds,
    incident_pages,
    incidents,
    observatory,
    observatory_access,
    organizations,
    pages,
    reachability,
    reference,
    report_pages,
    reports,
    verification,
    verification_pages,
    writes,
)
from api.security_headers import SecurityHeaders
from api.services.index import NearestIndex

ATTRIBUTION = [
    "Access point data: public sources listed per record in `source`; coordinates from "
    "OpenStreetMap, © OpenStreetMap contributors, ODbL 1.0 (https://www.openstreetmap.org/copyright)",
    "Postcode positions: GeoNames (https://www.geonames.org), CC BY 4.0",
    "Municipality NIS codes: Statbel open data",
    "Belgian public holidays: opening_hours.js holiday data (ODbL 1.0) and the `holidays` package",
]

DESCRIPTION = """Which human being can this person reach, now, near here, for this need?

Counters (guichets), phone lines answered by a person, public digital spaces (EPN) and
outreach sessions in Brussels and Wallonia, with their opening hours (OpenStreetMap
`opening_hours` syntax, Europe/Brussels).

**Data licence and attribution.** """ + " · ".join(ATTRIBUTION)


# Any constant shared by the processes: they take turns to migrate and seed.
_STARTUP_LOCK = 7_263_811


def prepare_database(settings: Settings) -> None:
    """Migrate the schema and, when the database holds no reference data, load the seed.

    Several API processes may start at once on one PostgreSQL: they take turns under an
    advisory lock, so that only the first migrates and seeds (SQLite's own write lock does
    the same for a file)."""
    from seed.load import is_seeded, seed_database

    engine = make_engine(settings.database_url)
    try:
        with _startup_lock(engine):
            migrate(engine)
            with Session(engine) as session:
                if not is_seeded(session=session):
                    seed_database(session=session, now=current_time())
    finally:
        engine.dispose()


@contextmanager
def _startup_lock(engine: Engine) -> Iterator[None]:
    # PostgreSQL: an advisory lock; SQLite: an exclusive lock on a file beside the database.
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _STARTUP_LOCK})
            try:
                yield
            finally:
                conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _STARTUP_LOCK})
        return
    database = engine.url.database
    if engine.dialect.name != "sqlite" or not database or database == ":memory:":
        yield
        return
    with open(f"{database}.startup-lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app for ``settings`` (the environment's by default): engine, routers, CORS
    open for GET, domain errors mapped to HTTP. With ``seed_on_startup`` the database is
    migrated and, if empty, seeded when the app starts."""
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if settings.seed_on_startup:
            prepare_database(settings)
        yield
        app.state.nearest_index.close()
        app.state.engine.dispose()

    app = FastAPI(
        title="guichets",
        version="0.1.0",
        summary="Human access points to social rights in Brussels and Wallonia",
        description=DESCRIPTION,
        license_info={
            "name": "Data: ODbL 1.0 (OpenStreetMap-derived)",
            "url": "https://opendatacommons.org/licenses/odbl/1-0/",
        },
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = make_engine(settings.database_url, echo=settings.sql_echo)
    app.state.write_engine = writing(app.state.engine)
    app.state.geocoder = build_geocoder(settings)
    # This process's in-memory open-now index for nearest (rebuilt when the data change).
    app.state.nearest_index = NearestIndex(warm=True)
    app.state.nearest_limiter = anyio.CapacityLimiter(settings.nearest_concurrency)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_allow_origins,
        allow_methods=["GET"],
        allow_headers=["*"],
    )
    # Added innermost first: a HEAD becomes a GET before anything else; every answer gets
    # the security headers; bodies are capped before their text is checked.
    app.add_middleware(RejectUnstorableText)
    install_accounts(app, settings)
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders, tile_url=settings.map_tile_url)
    app.add_middleware(HeadAsGet)
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(access_points.router)
    app.include_router(writes.router)
    app.include_router(organizations.router)
    app.include_router(exports.router)
    app.include_router(hsds.router)
    app.include_router(reference.router)
    app.include_router(pages.router)
    app.include_router(accounts.router)
    app.include_router(hours_editor.router)
    app.include_router(edit_pages.router)
    app.include_router(edit_organization_pages.router)
    app.include_router(reports.router)
    app.include_router(report_pages.router)
    app.include_router(verification.router)
    app.include_router(verification_pages.router)
    app.include_router(incidents.router)
    app.include_router(incident_pages.router)
    app.include_router(reachability.router)
    app.include_router(observatory_access.router)
    app.include_router(observatory.router)
    app.include_router(observatory.pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
