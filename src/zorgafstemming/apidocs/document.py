"""The OpenAPI document as the service serves it, built without a database or real keys."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from zorgafstemming.config import Settings


def openapi_document() -> dict[str, Any]:
    """The OpenAPI document of the application, as ``/schema/openapi.json`` answers it.

    The app is built in development mode with throwaway key files in a temporary folder: the
    document depends on the routes and schemas only, never on data, keys or configuration.
    Every mapping comes back with its keys sorted: the framework builds some of them from sets,
    whose order changes from one process to the next, and the page, the client and the
    committed ``docs/openapi.json`` must not change with it.
    """
    from zorgafstemming.api_document import document
    from zorgafstemming.app import create_app
    from zorgafstemming.crypto.keyfiles import init_keys

    with tempfile.TemporaryDirectory(prefix="zorg-openapi-") as folder:
        data_dir = Path(folder)
        init_keys(data_dir / "keys")
        settings = Settings(
            env="development",
            data_dir=data_dir,
            key_dir=data_dir / "keys",
            scheduler_enabled=False,
            openapi_enabled=True,
        )
        app = create_app(settings)
        served = document(app)
    ordered: dict[str, Any] = json.loads(json.dumps(served, sort_keys=True))
    return ordered


def document_json(document: dict[str, Any]) -> str:
    """The document as the committed ``docs/openapi.json`` holds it: keys sorted, indented."""
    return json.dumps(document, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
