"""What the consent pages of the worker and the family share: the page about one consent of a
file, and the route handlers of a consent step (the form that asks, the post that does it).

A controller using :func:`consent_form` (or a :func:`consent_step` with ``ended``) defines
``_consent_page(request, template, caller, file_id, consent_id, **options)``; the handlers are
built here once, with the path, the action its guard decides and the template of each step.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from litestar import Request, get
from litestar.handlers import HTTPRouteHandler
from litestar.response import Redirect, Template

from zorgafstemming.authz.actions import Action
from zorgafstemming.identity.auth import Caller
from zorgafstemming.problems import ConflictError
from zorgafstemming.web import labels
from zorgafstemming.web.member_display import member_names
from zorgafstemming.web.pages import form_post, render, see_other

# A use case that changes one consent: ``(uow, principal, ctx, …)`` taking ``consent_id`` and
# ``file_id`` by name.
ConsentChange = Callable[..., Awaitable[Any]]


def consent_page(
    request: Request[Any, Any, Any], template: str, view: Any, consent: Any, **context: Any
) -> Template:
    """A page about one consent of a file, with the names of the file's members."""
    return render(
        request,
        template,
        file=view,
        consent=consent,
        member_name=member_names(view.members),
        labels=labels,
        **context,
    )


def consent_form(
    path: str, action: Action, template: str, doc: str, **options: Any
) -> HTTPRouteHandler:
    """The GET handler of a consent step's form: the controller's ``_consent_page``."""

    async def show(
        self: Any,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        caller: Caller,
    ) -> Template:
        page: Template = await self._consent_page(
            request, template, caller, file_id, consent_id, **options
        )
        return page

    show.__doc__ = doc
    return get(path, opt={"action": action})(show)


@dataclass(frozen=True)
class EndedAnswer:
    """How a step answers when its consent has already ended (a conflict): the step's form
    again, with ``message`` at ``field``."""

    template: str
    field: str
    message: str


def consent_step(
    path: str,
    action: Action,
    change: ConsentChange,
    to: str,
    flash: str,
    doc: str,
    *,
    ended: EndedAnswer | None = None,
) -> HTTPRouteHandler:
    """The POST handler of a consent step: ``change`` in a unit of work, then a redirect to
    ``to`` (formatted with ``file_id`` and ``consent_id``) with ``flash``; with ``ended``, a
    consent that already ended shows the form again (422) instead of the error page."""

    async def do(
        self: Any,
        request: Request[Any, Any, Any],
        file_id: uuid.UUID,
        consent_id: uuid.UUID,
        caller: Caller,
    ) -> Redirect | Template:
        try:
            await caller.run(change, consent_id=consent_id, file_id=file_id)
        except ConflictError:
            if ended is None:
                raise
            errors = {ended.field: ended.message}
            page: Template = await self._consent_page(
                request, ended.template, caller, file_id, consent_id, errors=errors, status=422
            )
            return page
        return see_other(to.format(file_id=file_id, consent_id=consent_id), flash)

    do.__doc__ = doc
    return form_post(path, action)(do)
