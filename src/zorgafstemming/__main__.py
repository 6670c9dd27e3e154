"""Allow ``python -m zorgafstemming``."""

from zorgafstemming.cli import main

raise SystemExit(main())
