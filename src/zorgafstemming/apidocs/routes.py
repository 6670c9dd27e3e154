"""``/docs/api``: the rendered API reference page and its stylesheet, as static files."""

from __future__ import annotations

from litestar import Router
from litestar.static_files import create_static_files_router

from zorgafstemming.apidocs.page import SITE_DIR
from zorgafstemming.authz.actions import Action


def api_docs_router() -> Router:
    """The page at ``/docs/api`` (``index.html``) with ``api.css``; public like the document.

    The app mounts it only where it serves the OpenAPI document itself: the page shows nothing
    the document does not.
    """
    return create_static_files_router(
        path="/docs/api",
        directories=[SITE_DIR],
        html_mode=True,
        opt={"action": Action.PUBLIC_SCHEMA_READ},
        include_in_schema=False,
        name="api-docs",
    )
