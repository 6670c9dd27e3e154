"""``/problems/<slug>``: a short page per problem type, so every ``type`` URI the API answers
with explains itself. In English, like the API; public, like the document."""

from __future__ import annotations

import html

from litestar import MediaType, Response, get

from zorgafstemming.api_problems import problem_catalogue
from zorgafstemming.authz.actions import Action
from zorgafstemming.problems import NotFoundError

_OPT = {"action": Action.PUBLIC_PAGE_READ}


def _page(title: str, body: str) -> Response[str]:
    return Response(
        content=(
            '<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)} - zorgafstemming API</title>"
            '<link rel="stylesheet" href="/static/app.css"></head><body><main>'
            f"{body}</main></body></html>"
        ),
        media_type=MediaType.HTML,
    )


@get("/problems", opt=_OPT, include_in_schema=False, sync_to_thread=False)
def problem_index() -> Response[str]:
    """Every problem type of the API, with its status."""
    rows = "".join(
        f'<li><a href="/problems/{slug}"><code>/problems/{slug}</code></a> — {status} '
        f"{html.escape(title)}</li>"
        for slug, (status, title, _meaning) in problem_catalogue().items()
    )
    return _page(
        "Problem types",
        "<h1>Problem types</h1><p>Every refusal of the API is an RFC 9457 "
        "<code>application/problem+json</code> body whose <code>type</code> is one of these.</p>"
        f"<ul>{rows}</ul>",
    )


@get("/problems/{slug:str}", opt=_OPT, include_in_schema=False, sync_to_thread=False)
def problem_page(slug: str) -> Response[str]:
    """What one problem type means."""
    known = problem_catalogue().get(slug)
    if known is None:
        raise NotFoundError("No such problem type.")
    status, title, meaning = known
    return _page(
        title,
        f"<h1>{html.escape(title)}</h1>"
        f"<p><code>type: /problems/{html.escape(slug)}</code> · status {status}</p>"
        f"<p>{html.escape(meaning)}</p>"
        '<p><a href="/problems">All problem types</a></p>',
    )


ROUTES = [problem_index, problem_page]
