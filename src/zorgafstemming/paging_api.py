"""The query parameters every list of the API shares: ``limit`` and ``after``.

Every list answers ``{items, next}``: pass ``next`` as ``after`` for the following page; it is
null on the last page. The cursor is opaque (see ``paging``); one this service did not hand out
is a 422 naming ``after``.
"""

from __future__ import annotations

from typing import Annotated

from litestar.params import Parameter

from zorgafstemming.paging import PAGE_DEFAULT, PAGE_MAX

# Far longer than any cursor the service hands out (about 100 characters).
CURSOR_MAX = 200

Limit = Annotated[
    int,
    Parameter(
        ge=1,
        le=PAGE_MAX,
        default=PAGE_DEFAULT,
        description=f"How many items one page holds (1 to {PAGE_MAX}).",
    ),
]
After = Annotated[
    str | None,
    Parameter(
        default=None,
        min_length=1,
        max_length=CURSOR_MAX,
        description="The `next` of the previous page; leave it out for the first page.",
    ),
]
