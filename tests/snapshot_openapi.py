"""Print the app's OpenAPI document, sorted, as the snapshot ``tests/snapshots/openapi.json``
(``make openapi-snapshot`` after a deliberate contract change)."""

import json
from typing import Any

from api.config import Settings
from api.main import create_app


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of an app on a throwaway database (nothing is read from it)."""
    app = create_app(Settings(database_url="sqlite://", seed_on_startup=False))
    return app.openapi()


def render(document: dict[str, Any]) -> str:
    """The snapshot's text: sorted keys, two-space indent, final newline."""
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    print(render(openapi_document()), end="")
