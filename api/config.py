"""Application settings, read from the environment (prefix ``GUICHETS_``) or ``.env``."""

from functools import lru_cache

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

# Limits of the public API (DESIGN.md); fixed because partner sites code against them.
LIST_MAX_LIMIT = 500
NEAREST_DEFAULT_LIMIT = 10
NEAREST_MAX_LIMIT = 100
NEAREST_DEFAULT_MAX_DISTANCE_KM = 25.0


DEV_SESSION_SECRET = "guichets-development-secret-not-for-production"
"""The default ``session_secret``: public, so the app warns when it signs with it."""


class Settings(BaseSettings):
    """Every tunable of the service; one instance is passed to ``create_app``.

    ``database_url`` is read from ``DATABASE_URL`` (the usual name for it) or
    ``GUICHETS_DATABASE_URL``. The default is an embedded SQLite file under ``./data``.
    """

    model_config = SettingsConfigDict(env_prefix="GUICHETS_", env_file=".env", extra="ignore")

    database_url: str = Field(
        default="sqlite:///data/guichets.db",
        validation_alias=AliasChoices("DATABASE_URL", "GUICHETS_DATABASE_URL"),
        description="SQLAlchemy URL: sqlite:///path.db or postgresql+psycopg://user@host/db",
    )
    seed_on_startup: bool = Field(
        default=True, description="Create, migrate and seed an empty database when the app starts."
    )
    host: str = "127.0.0.1"
    port: int = 8000
    cors_allow_origins: list[str] = ["*"]
    sql_echo: bool = False
    geocoder_user_agent: str | None = Field(
        default=None,
        description="Turns geocoding on: the user agent Nominatim requires, naming this "
        "deployment and a contact (e.g. 'guichets.example.be (ops@example.be)').",
    )
    geocoder_domain: str = "nominatim.openstreetmap.org"
    geocoder_timeout_s: float = 5.0
    geocoder_min_delay_s: float = Field(
        default=1.0, description="Seconds between requests (Nominatim's policy: at most 1/s)."
    )
    max_body_bytes: int = Field(
        default=65_536, description="Largest write body accepted (413 above)."
    )
    nearest_concurrency: int = Field(
        default=2,
        ge=1,
        description="How many nearest answers a worker process makes at once (the others "
        "wait their turn). The work is Python under one GIL: more threads only share it, "
        "each answer slower (measured in the README, Performance).",
    )
    request_header_timeout_s: float = Field(
        default=10.0,
        description="guichets serve: a connection whose request headers are not all in this "
        "many seconds after it opened (or after its previous answer) is closed (408).",
    )
    keep_alive_timeout_s: float = Field(
        default=5.0, description="guichets serve: idle keep-alive connections closed after this."
    )
    map_tile_url: str = Field(
        default="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        description="Map background tiles for the pages (Leaflet URL template). The default "
        "is the OpenStreetMap Foundation's server, whose policy allows light use only: a "
        "busy deployment sets its own tile server here.",
    )
    session_secret: str = Field(
        default=DEV_SESSION_SECRET,
        description="Signs the workspace's session cookies and CSRF tokens (itsdangerous). "
        "Set a long random value in production (e.g. `python -c 'import secrets; "
        "print(secrets.token_urlsafe(48))'`); the default is public, for development only, "
        "and the app warns when it is used.",
    )
    session_cookie_secure: bool = Field(
        default=False,
        description="Send the session and CSRF cookies over HTTPS only (Secure). Set it to "
        "true behind HTTPS.",
    )
    session_idle_minutes: int = Field(
        default=30, ge=1, description="Signed out after this many minutes without a request."
    )
    session_max_hours: int = Field(
        default=12, ge=1, description="Signed out this many hours after signing in, at most."
    )
    login_limit_per_account: str = Field(
        default="5/15 minutes",
        description="Failed sign-ins allowed per e-mail address (limits' notation, moving window).",
    )
    login_limit_per_address: str = Field(
        default="20/15 minutes",
        description="Failed sign-ins allowed per client IP address (limits' notation).",
    )
    map_tile_attribution: str = Field(
        default="© OpenStreetMap contributors",
        description="The attribution the tile server requires, shown on the map.",
    )
    incident_text_retention_days: int = Field(
        default=365,
        ge=0,
        description="Incident reports' free texts are emptied this many days after they were "
        "received (`guichets incidents purge-texts`, and before the admins' listing); the "
        "structured fields stay.",
    )


@lru_cache
def get_settings() -> Settings:
    """The process-wide settings, built from the environment on first call."""
    return Settings()
