"""The FastAPI application factory."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from sqlmodel import Session

from api.clock import current_time
from api.config import Settings, get_settings
from api.db import make_engine, migrate
from api.errors import install_error_handlers
from api.limits import BodySizeLimit
from api.routers import access_points, health, organizations, reference, writes

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


def prepare_database(settings: Settings) -> None:
    """Migrate the schema and, when the database holds no reference data, load the seed."""
    from seed.load import is_seeded, seed_database

    engine = make_engine(settings.database_url)
    try:
        migrate(engine)
        with Session(engine) as session:
            if not is_seeded(session=session):
                seed_database(session=session, now=current_time())
    finally:
        engine.dispose()


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
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.cors_allow_origins,
        allow_methods=["GET"],
        allow_headers=["*"],
    )
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    install_error_handlers(app)
    app.include_router(health.router)
    app.include_router(access_points.router)
    app.include_router(writes.router)
    app.include_router(organizations.router)
    app.include_router(reference.router)
    return app
