"""HTML routes of the web interface (Dutch, server-rendered, working without JavaScript)."""

from __future__ import annotations

from typing import Any

from litestar import Controller, Request, get
from litestar.response import Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.web.pages import render


class PublicPages(Controller):
    """Pages anyone may see: the start page and the sign-in form."""

    include_in_schema = False

    @get("/", opt={"action": Action.PUBLIC_PAGE_READ})
    async def start(self, request: Request[Any, Any, Any]) -> Template:
        """The start page: what the service promises, and the way in."""
        return render(request, "start.html")

    @get("/aanmelden", opt={"action": Action.PUBLIC_PAGE_READ})
    async def signin_form(self, request: Request[Any, Any, Any]) -> Template:
        """The sign-in form: e-mail address, password and authenticator code."""
        return render(request, "signin.html")


ROUTES: list[Any] = [PublicPages]
