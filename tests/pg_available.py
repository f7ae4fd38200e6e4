"""Exit 0 when the PostgreSQL at the URL given as argument accepts a connection, else 1."""

import sys

from sqlalchemy import create_engine, text
from sqlalchemy.exc import OperationalError


def main(url: str) -> int:
    """Try one connection with a short timeout."""
    engine = create_engine(url, connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError:
        return 1
    finally:
        engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
