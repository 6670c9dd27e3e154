"""Driving the web pages without a browser: the client made the browser of one account (its
session cookie, and no other person's), and a form posted with the CSRF token its page carries,
as a browser would."""

from __future__ import annotations

import re
from typing import Any

from httpx import AsyncClient, Response

from tests.factories import TestAccount, web_session
from zorgafstemming.identity import sessions
from zorgafstemming.runtime import Runtime

CSRF_TOKEN = re.compile(r'name="_csrf_token" value="([^"]+)"')


async def sign_in_as(client: AsyncClient, runtime: Runtime, account: TestAccount) -> None:
    """Make ``client`` the browser of ``account``: a session cookie, and no other person's."""
    client.cookies.clear()
    client.cookies.set(sessions.SESSION_COOKIE, await web_session(runtime, account.principal()))


async def form_token(client: AsyncClient, page: str) -> str:
    """The CSRF token ``page`` carries (the page must answer 200)."""
    shown = await client.get(page)
    assert shown.status_code == 200, shown.text
    match = CSRF_TOKEN.search(shown.text)
    assert match is not None, f"no form on {page}"
    return match.group(1)


async def post_form(
    client: AsyncClient, page: str, action: str, data: dict[str, Any], **kwargs: Any
) -> Response:
    """Post a form of ``page`` to ``action`` with the CSRF token the page carries, without
    following the redirect (``kwargs``: more of ``client.post``'s, such as ``files``)."""
    token = await form_token(client, page)
    return await client.post(
        action, data={"_csrf_token": token, **data}, follow_redirects=False, **kwargs
    )
