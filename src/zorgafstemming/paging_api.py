"""The query parameters that the API's offset-paginated lists share.

Each list route sets its own default; the bounds are the same wherever a list is paged this way.
"""

from __future__ import annotations

from typing import Annotated

from litestar.params import Parameter

from zorgafstemming.bounds import MAX_OFFSET

# How many rows one page holds.
PageLimit = Annotated[int, Parameter(ge=1, le=200)]
# How many rows to skip; far beyond any real list, far below an overflow (see ``bounds``).
Offset = Annotated[int, Parameter(ge=0, le=MAX_OFFSET)]
