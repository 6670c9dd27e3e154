"""``python -m zorgafstemming.apidocs [DOCUMENT]``: re-render the API reference page.

DOCUMENT is an OpenAPI JSON file (``make api-docs`` passes ``docs/openapi.json``); without it
the document is built from the application itself.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from zorgafstemming.apidocs.document import openapi_document
from zorgafstemming.apidocs.page import write_page


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print("usage: python -m zorgafstemming.apidocs [DOCUMENT]", file=sys.stderr)
        return 2
    try:
        document = json.loads(Path(argv[0]).read_text("utf-8")) if argv else openapi_document()
    except (OSError, ValueError) as exc:
        print(f"cannot read the OpenAPI document: {exc}", file=sys.stderr)
        return 1
    print(f"wrote {write_page(document)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
