"""Audit events by request: the DPO's audit page shows one row per request.

The page gathers every event of a request (a file read and its entry list are one visit), so
it looks events up by ``request_id``; without an index that is a scan of the whole trail.

Revision ID: 0017
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index("ix_audit_events_request_id", "audit_events", ["request_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_audit_events_request_id", table_name="audit_events")
