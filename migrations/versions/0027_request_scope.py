"""The reach of an erasure or restriction request: one member's data, or the whole file.

Until this revision an erasure or restriction of a whole file could answer any erasure or
restriction request about the file, so one member's request about themselves could carry out the
erasure of everyone's data in it. A request now says what it asks: ``member`` (the member it is
about, as before — every existing request keeps that reach) or ``file``. Only an act of the same
reach answers it.

SQLite adds the column with its check in one ``ALTER TABLE`` (a batch rebuild of the table would
cascade-delete the request steps that point to it).

Revision ID: 0027
Revises: 0026
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMMENT = "member: about member_id alone; file: the whole file (erasure, restriction)"
CHECK = "scope IN ('member', 'file') AND (scope = 'member' OR kind IN ('erasure', 'restriction'))"
CHECK_NAME = "ck_subject_requests_scope"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE subject_requests ADD COLUMN scope VARCHAR(8) DEFAULT 'member' NOT NULL"
            f" CONSTRAINT {CHECK_NAME} CHECK ({CHECK})"
        )
        return
    op.add_column(
        "subject_requests",
        sa.Column("scope", sa.String(8), nullable=False, server_default="member", comment=COMMENT),
    )
    op.create_check_constraint(op.f(CHECK_NAME), "subject_requests", CHECK)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f(CHECK_NAME), "subject_requests", type_="check")
    op.drop_column("subject_requests", "scope")
