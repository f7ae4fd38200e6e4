"""Load Belgian municipalities (NIS codes) and postcodes from ``seed/data/be_postcodes.csv``
(GeoNames CC BY 4.0, bpost names, Statbel NIS codes: see ``seed/data/SOURCES.md``)."""

import csv
from pathlib import Path

from sqlmodel import Session, delete

from api.models import Municipality, Postcode
from api.models.common import Region

DATA = Path(__file__).parent / "data"
REGIONS = {
    "Brussels-Capital": Region.BRUSSELS,
    "Wallonia": Region.WALLONIA,
    "Flanders": Region.FLANDERS,
}


def load_reference(*, session: Session, path: Path = DATA / "be_postcodes.csv") -> tuple[int, int]:
    """Replace municipalities and postcodes with the file's content (they are reference data
    that only the file changes, so reloading is safe and idempotent). Returns
    (municipalities, postcodes) loaded. Does not commit."""
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    municipalities: dict[str, Municipality] = {}
    for row in rows:
        nis = row["nis_code_2020"]
        if nis and nis not in municipalities:
            municipalities[nis] = Municipality(
                nis_code=nis,
                name_fr=row["municipality"],
                name_nl=row["municipality_nl"] or None,
                region=REGIONS[row["region"]],
                province=None if row["region"] == "Brussels-Capital" else row["province"] or None,
            )
    session.exec(delete(Postcode))
    session.exec(delete(Municipality))
    session.flush()
    session.add_all(municipalities.values())
    session.flush()
    session.add_all(
        Postcode(
            postcode=row["postcode"],
            name_fr=row["name_fr"],
            name_nl=row["name_nl"] or None,
            nis_code=row["nis_code_2020"] or None,
            lat=float(row["lat"]),
            lon=float(row["lon"]),
        )
        for row in rows
    )
    session.flush()
    return len(municipalities), len(rows)
