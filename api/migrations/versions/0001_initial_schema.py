"""Initial schema: municipalities, postcodes, organizations, access points, closures, and the
spatial index (SQLite R*Tree kept in sync by triggers).

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from api.models.types import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Two R*Trees over the located access points, keyed by access_point.pk:
# - access_point_rtree (lat, lon) for the widening nearest search;
# - access_point_schedule_rtree (schedule id, lat, lon), where the schedule id numbers the
#   distinct opening_hours strings (access_point_schedule; 0 for none), so that on a Sunday
#   night the search asks only for the places whose schedule is open. A third dimension in
#   the first tree would cluster it by schedule and make plain box queries 30 times slower.
# Triggers keep them in step with every insert, move, change of hours and delete, whoever
# writes (API, seed, raw SQL).
_SCHEDULE_OF_NEW = (
    "COALESCE((SELECT id FROM access_point_schedule WHERE opening_hours = NEW.opening_hours), 0)"
)
_INDEX_NEW = f"""
         INSERT OR IGNORE INTO access_point_schedule (opening_hours)
           SELECT NEW.opening_hours
           WHERE NEW.opening_hours IS NOT NULL AND NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL;
         INSERT INTO access_point_rtree
           SELECT NEW.pk, NEW.lat, NEW.lat, NEW.lon, NEW.lon
           WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL;
         INSERT INTO access_point_schedule_rtree
           SELECT NEW.pk, {_SCHEDULE_OF_NEW}, {_SCHEDULE_OF_NEW}, NEW.lat, NEW.lat, NEW.lon, NEW.lon
           WHERE NEW.lat IS NOT NULL AND NEW.lon IS NOT NULL;"""
_UNINDEX_OLD = """
         DELETE FROM access_point_rtree WHERE pk = OLD.pk;
         DELETE FROM access_point_schedule_rtree WHERE pk = OLD.pk;"""
SQLITE_SPATIAL = [
    """CREATE TABLE access_point_schedule (
         id INTEGER PRIMARY KEY,
         opening_hours TEXT NOT NULL UNIQUE
       )""",
    "CREATE VIRTUAL TABLE access_point_rtree USING rtree(pk, min_lat, max_lat, min_lon, max_lon)",
    """CREATE VIRTUAL TABLE access_point_schedule_rtree
       USING rtree(pk, min_schedule, max_schedule, min_lat, max_lat, min_lon, max_lon)""",
    f"""CREATE TRIGGER access_point_rtree_insert AFTER INSERT ON access_point
       BEGIN {_INDEX_NEW}
       END""",
    f"""CREATE TRIGGER access_point_rtree_update
       AFTER UPDATE OF lat, lon, opening_hours ON access_point
       BEGIN {_UNINDEX_OLD} {_INDEX_NEW}
       END""",
    f"""CREATE TRIGGER access_point_rtree_delete AFTER DELETE ON access_point
       BEGIN {_UNINDEX_OLD}
       END""",
]


# access_point_service_area indexes the JSON list access_point.service_area; triggers keep it
# in step on both engines, like the R*Tree.
SQLITE_SERVICE_AREA = [
    """CREATE TRIGGER access_point_service_area_insert AFTER INSERT ON access_point
       BEGIN
         INSERT OR IGNORE INTO access_point_service_area (access_point_pk, nis_code)
           SELECT NEW.pk, value FROM json_each(NEW.service_area)
           WHERE json_type(NEW.service_area) = 'array';
       END""",
    """CREATE TRIGGER access_point_service_area_update AFTER UPDATE OF service_area ON access_point
       BEGIN
         DELETE FROM access_point_service_area WHERE access_point_pk = OLD.pk;
         INSERT OR IGNORE INTO access_point_service_area (access_point_pk, nis_code)
           SELECT NEW.pk, value FROM json_each(NEW.service_area)
           WHERE json_type(NEW.service_area) = 'array';
       END""",
    """CREATE TRIGGER access_point_service_area_delete AFTER DELETE ON access_point
       BEGIN
         DELETE FROM access_point_service_area WHERE access_point_pk = OLD.pk;
       END""",
]
POSTGRESQL_SERVICE_AREA = [
    """CREATE FUNCTION access_point_service_area_sync() RETURNS trigger AS $$
       BEGIN
         DELETE FROM access_point_service_area WHERE access_point_pk = NEW.pk;
         IF json_typeof(NEW.service_area) = 'array' THEN
           INSERT INTO access_point_service_area (access_point_pk, nis_code)
             SELECT DISTINCT NEW.pk, value FROM json_array_elements_text(NEW.service_area);
         END IF;
         RETURN NEW;
       END $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER access_point_service_area_sync
       AFTER INSERT OR UPDATE OF service_area ON access_point
       FOR EACH ROW EXECUTE FUNCTION access_point_service_area_sync()""",
]


def upgrade() -> None:
    """Create every table and index."""
    op.create_table(
        "municipality",
        sa.Column("nis_code", sa.String(5), primary_key=True),
        sa.Column("name_fr", sa.String(), nullable=False),
        sa.Column("name_nl", sa.String(), nullable=True),
        sa.Column("region", sa.String(10), nullable=False),
        sa.Column("province", sa.String(), nullable=True),
    )
    op.create_table(
        "postcode",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("postcode", sa.String(4), nullable=False, index=True),
        sa.Column("name_fr", sa.String(), nullable=False),
        sa.Column("name_nl", sa.String(), nullable=True),
        sa.Column(
            "nis_code",
            sa.String(5),
            sa.ForeignKey("municipality.nis_code"),
            nullable=True,
            index=True,
        ),
        sa.Column("lat", sa.Float(), nullable=False),
        sa.Column("lon", sa.Float(), nullable=False),
    )
    op.create_index("ix_postcode_lat_lon", "postcode", ["lat", "lon"])
    op.create_table(
        "organization",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("name", sa.String(300), nullable=False),
        sa.Column("name_nl", sa.String(300), nullable=True),
        sa.Column("website", sa.String(500), nullable=True),
        sa.Column("source", sa.String(), nullable=True),
    )
    op.create_table(
        "access_point",
        sa.Column("pk", sa.Integer(), primary_key=True),
        sa.Column("id", sa.String(120), nullable=False, unique=True, index=True),
        sa.Column("kind", sa.String(20), nullable=False, index=True),
        sa.Column(
            "organization_id",
            sa.String(120),
            sa.ForeignKey("organization.id"),
            nullable=False,
            index=True,
        ),
        sa.Column("name_fr", sa.String(), nullable=False),
        sa.Column("name_nl", sa.String(), nullable=True),
        sa.Column("name_en", sa.String(), nullable=True),
        sa.Column("description", sa.String(4000), nullable=True),
        sa.Column("themes", sa.JSON(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("street", sa.String(), nullable=True),
        sa.Column("postcode", sa.String(4), nullable=True, index=True),
        sa.Column("municipality", sa.String(), nullable=True),
        sa.Column("nis_code", sa.String(5), nullable=True, index=True),
        sa.Column("lat", sa.Float(), nullable=True),
        sa.Column("lon", sa.Float(), nullable=True),
        sa.Column("location_precision", sa.String(10), nullable=True),
        sa.Column("host", sa.String(300), nullable=True),
        sa.Column("service_area", sa.JSON(), nullable=True),
        sa.Column("phones", sa.JSON(), nullable=False),
        sa.Column("email", sa.String(300), nullable=True),
        sa.Column("website", sa.String(500), nullable=True),
        sa.Column("opening_hours", sa.String(2000), nullable=True),
        sa.Column("opening_hours_note", sa.String(1000), nullable=True),
        sa.Column("walk_in", sa.Boolean(), nullable=True),
        sa.Column("appointment_by_phone", sa.Boolean(), nullable=True),
        sa.Column("appointment_online_only", sa.Boolean(), nullable=True),
        sa.Column("free_of_charge", sa.Boolean(), nullable=True),
        sa.Column("wheelchair", sa.String(10), nullable=False),
        sa.Column("documents_to_bring", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("verified_at", sa.Date(), nullable=True),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("source", sa.String(), nullable=True),
    )
    # Bounding-box fallback for engines without the R*Tree (PostgreSQL until issue 3's
    # PostGIS/earthdistance index).
    op.create_index("ix_access_point_lat_lon", "access_point", ["lat", "lon"])
    op.create_table(
        "access_point_service_area",
        sa.Column(
            "access_point_pk",
            sa.Integer(),
            sa.ForeignKey("access_point.pk", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("nis_code", sa.String(5), primary_key=True, index=True),
    )
    op.create_table(
        "closure",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "access_point_id",
            sa.String(120),
            sa.ForeignKey("access_point.id"),
            nullable=True,
            index=True,
        ),
        sa.Column(
            "organization_id",
            sa.String(120),
            sa.ForeignKey("organization.id"),
            nullable=True,
            index=True,
        ),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("reason", sa.String(300), nullable=True),
        sa.CheckConstraint('"end" >= start', name="closure_end_after_start"),
        sa.CheckConstraint(
            "(access_point_id IS NULL) <> (organization_id IS NULL)", name="closure_one_target"
        ),
    )
    dialect = op.get_bind().dialect.name
    statements = {
        "sqlite": SQLITE_SPATIAL + SQLITE_SERVICE_AREA,
        "postgresql": POSTGRESQL_SERVICE_AREA,
    }.get(dialect, [])
    for statement in statements:
        op.execute(statement)


def downgrade() -> None:
    """Drop everything."""
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS access_point_rtree")
        op.execute("DROP TABLE IF EXISTS access_point_schedule_rtree")
        op.execute("DROP TABLE IF EXISTS access_point_schedule")
    if dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS access_point_service_area_sync ON access_point")
        op.execute("DROP FUNCTION IF EXISTS access_point_service_area_sync()")
    for table in (
        "closure",
        "access_point_service_area",
        "access_point",
        "organization",
        "postcode",
        "municipality",
    ):
        op.drop_table(table)
