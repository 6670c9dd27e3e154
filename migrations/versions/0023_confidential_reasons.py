"""Recorded exemptions: why an entry is withheld from the family.

A confidential entry carries a reason code from ``policies/vocabulary.toml``
(``confidential_reasons``), which the family's export names instead of the text. Entries marked
confidential before this revision get ``not_recorded``: nobody recorded a reason, and the family
is told exactly that rather than a reason nobody gave.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The code for entries withheld before a reason was required (not a worker's choice).
LEGACY_REASON = "not_recorded"


def upgrade() -> None:
    # A nullable column without a default: no table rebuild on SQLite (which would cascade).
    op.add_column(
        "entries",
        sa.Column(
            "confidential_reason",
            sa.String(32),
            nullable=True,
            comment="why it is withheld from the family (vocabulary confidential_reasons)",
        ),
    )
    entries = sa.table(
        "entries",
        sa.column("confidential", sa.Boolean()),
        sa.column("confidential_reason", sa.String(32)),
    )
    op.execute(
        entries.update()
        .where(entries.c.confidential.is_(True))
        .values(confidential_reason=LEGACY_REASON)
    )


def downgrade() -> None:
    with op.batch_alter_table("entries") as batch:
        batch.drop_column("confidential_reason")
